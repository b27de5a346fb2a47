using System.CommandLine;
using System.Text.Json;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Leases;
using Reconciler.Controller.Sandbox;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler status</c>: what the controller of a stack is doing, read from the state table
/// so it works from any machine with read access: the leader and its fencing token, the
/// revision in force and when it was applied, each resource's state, and open drift alerts.
/// </summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliEnvironment environment)
    {
        var stack = CliSymbols.Text("stack", "NAME", "The stack to report on; needed only when the state table holds several.");
        var json = CliSymbols.Switch("json", "Print the status as JSON for machines instead of text.");
        var region = CliSymbols.Text("region", "R", "The region of the state table (default AWS_REGION, or the sandbox's us-east-1).");
        var command = new Command(
            "status",
            "Shows what the controller of a stack is doing, read from the DynamoDB state table (works from any machine that can read it): "
            + "the leader and its fencing token, the revision in force and when it was applied, each resource's state, and open drift alerts.")
        {
            stack, json, region,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(stack), parsed.GetValue(json), parsed.GetValue(region), environment, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? stackName, bool json, string? region, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var aws = StateTableAws.Resolve(environment, region);

        using var factory = new AwsClientFactory(aws, environment.RequestLog);
        var dynamoDb = factory.CreateDynamoDb();
        var table = StateTableOptions.FromEnvironment();
        var runs = new RunRecordStore(dynamoDb, table);
        try
        {
            var stack = stackName ?? await OnlyStackAsync(runs, table, cancellationToken);
            var record = await runs.ReadAsync(stack, cancellationToken)
                ?? throw new CliUsageException($"No run of stack '{stack}' is recorded in table {table.TableName}.");
            var lease = await new LeaseTable(dynamoDb, table.TableName, stack).ReadAsync(cancellationToken);
            var alerts = await new DynamoDbAlertStore(dynamoDb, table.TableName).ListAsync(stack, cancellationToken);
            var report = new StatusReport(stack, lease is { IsReleased: false } ? lease.Holder : null, lease?.FencingToken, record, alerts);
            environment.Output.Write(json ? JsonSerializer.Serialize(report, Json) + "\n" : report.Render());
            return ExitCodes.Success;
        }
        catch (AmazonServiceException e)
        {
            environment.Errors.WriteLine($"error: reading table {table.TableName}: {e.Message}");
            return ExitCodes.Error;
        }
    }

    // Status of "the" stack: fine when the table holds one, a usage error naming them when it holds several.
    internal static async Task<string> OnlyStackAsync(RunRecordStore runs, StateTableOptions table, CancellationToken cancellationToken)
    {
        var stacks = await runs.StacksAsync(cancellationToken);
        return stacks.Count switch
        {
            1 => stacks[0],
            0 => throw new CliUsageException($"No stack has a recorded run in table {table.TableName}: start the controller with 'reconciler run', or name the table with RECONCILER_STATE_TABLE."),
            _ => throw new CliUsageException($"Table {table.TableName} holds several stacks ({string.Join(", ", stacks.Order(StringComparer.Ordinal))}): choose one with --stack."),
        };
    }
}
