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
    public const string Usage = "reconciler status [--stack NAME] [--json] [--region R]";

    public static readonly string[] Switches = ["json"];

    public static readonly string[] Options = ["stack", "region"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(CliArguments args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var region = args.Value("region");
        var aws = environment.Aws
            ?? new SandboxRegistry().TryGetRunning()?.ToAwsEnvironment(region ?? "us-east-1")
            ?? AwsEnvironment.FromEnvironment();
        if (region is not null)
        {
            aws = aws with { Region = region };
        }

        using var factory = new AwsClientFactory(aws, environment.RequestLog);
        var dynamoDb = factory.CreateDynamoDb();
        var table = StateTableOptions.FromEnvironment();
        var runs = new RunRecordStore(dynamoDb, table);
        try
        {
            var stack = args.Value("stack") ?? await OnlyStackAsync(runs, table, cancellationToken);
            var record = await runs.ReadAsync(stack, cancellationToken)
                ?? throw new CliUsageException($"No run of stack '{stack}' is recorded in table {table.TableName}.");
            var lease = await new LeaseTable(dynamoDb, table.TableName, stack).ReadAsync(cancellationToken);
            var alerts = await new DynamoDbAlertStore(dynamoDb, table.TableName).ListAsync(stack, cancellationToken);
            var report = new StatusReport(stack, lease is { IsReleased: false } ? lease.Holder : null, lease?.FencingToken, record, alerts);
            environment.Output.Write(args.Has("json") ? JsonSerializer.Serialize(report, Json) + "\n" : report.Render());
            return ExitCodes.Success;
        }
        catch (AmazonServiceException e)
        {
            environment.Errors.WriteLine($"error: reading table {table.TableName}: {e.Message}");
            return ExitCodes.Error;
        }
    }

    // Status of "the" stack: fine when the table holds one, a usage error naming them when it holds several.
    private static async Task<string> OnlyStackAsync(RunRecordStore runs, StateTableOptions table, CancellationToken cancellationToken)
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
