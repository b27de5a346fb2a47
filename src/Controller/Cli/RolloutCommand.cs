using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Rollouts;
using Reconciler.Controller.Sandbox;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler rollout status|promote|abort|retry NAME</c>. Status reads the rollout from the
/// state table. Promote, abort and retry write a request (<c>rollout-intent#NAME</c>) that the
/// leading controller takes at its next rollout tick (2 s by default) and acts on with its own
/// fenced writes: the command holds no lease, so it never writes a weight itself, and a request
/// made while no controller runs waits for one.
/// </summary>
internal static class RolloutCommand
{
    private static readonly JsonSerializerOptions Json = new(RolloutStore.Json) { WriteIndented = true };

    public static Command Create(CliEnvironment environment) =>
        new("rollout", "Shows and steers the blue-green rollouts of InferenceService documents.")
        {
            Status(environment),
            Request(environment, RolloutIntent.Promote, "Skips the remaining steps: green gets all traffic and becomes blue (also ends a pause until promoted)."),
            Request(environment, RolloutIntent.Abort, "Returns all traffic to blue and stops the rollout; green is kept for inspection."),
            Request(environment, RolloutIntent.Retry, "Starts an aborted rollout again from its first step."),
        };

    private static Command Status(CliEnvironment environment)
    {
        var (name, stack, region) = Common();
        var json = CliSymbols.Switch("json", "Print the rollout as JSON: phase, step, steps, weights.blue, weights.green, versions, analysis.");
        var command = new Command("status", "Shows a rollout: phase, step, weights of blue and green in percent, and the analysis so far.") { name, stack, region, json };
        command.SetAction((parsed, cancellationToken) => WithStoreAsync(environment, parsed.GetValue(stack), parsed.GetValue(region), async (store, stackName) =>
        {
            var service = parsed.GetValue(name)!;
            var state = await store.ReadAsync(stackName, service, cancellationToken)
                ?? throw new CliUsageException($"No rollout of InferenceService '{service}' is recorded for stack '{stackName}'; the controller records one once it leads and the service's listener exists.");
            var pending = await store.ReadIntentAsync(stackName, service, cancellationToken);
            environment.Output.Write(parsed.GetValue(json) ? ToJson(state, pending).ToJsonString(Json) + "\n" : RolloutView.Render(state, pending));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Request(CliEnvironment environment, string action, string description)
    {
        var (name, stack, region) = Common();
        var command = new Command(action, description + " The leading controller acts on it at its next rollout tick.") { name, stack, region };
        command.SetAction((parsed, cancellationToken) => WithStoreAsync(environment, parsed.GetValue(stack), parsed.GetValue(region), async (store, stackName) =>
        {
            var service = parsed.GetValue(name)!;
            if (await store.ReadAsync(stackName, service, cancellationToken) is not { } state)
            {
                throw new CliUsageException($"No rollout of InferenceService '{service}' is recorded for stack '{stackName}'.");
            }

            await store.RequestAsync(stackName, new RolloutIntent(service, action, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), cancellationToken);
            environment.Output.WriteLine($"Requested {action} of the rollout of {service} (now {state.Phase}, step {Math.Min(state.Step + 1, state.StepCount)}/{state.StepCount}); the leading controller acts on it within its rollout tick. Follow it with: reconciler rollout status {service}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>The machine form: at least phase, step and weights.blue / weights.green.</summary>
    internal static JsonObject ToJson(RolloutState state, RolloutIntent? pending) => new()
    {
        ["service"] = state.Service,
        ["phase"] = state.Phase.ToString(),
        ["step"] = Math.Min(state.Step + 1, state.StepCount),
        ["steps"] = state.StepCount,
        ["weights"] = new JsonObject { ["blue"] = state.BlueWeight, ["green"] = state.GreenWeight },
        ["runtime"] = state.Runtime,
        ["blue"] = new JsonObject { [SideKey(state)] = state.StableSide, ["version"] = state.Stable.Label },
        ["green"] = new JsonObject { [SideKey(state)] = state.CandidateSide, ["version"] = state.Target?.Label },
        ["pauseDeadline"] = state.PauseDeadline,
        ["message"] = state.Message,
        ["pendingRequest"] = pending?.Action,
        ["analysis"] = JsonSerializer.SerializeToNode(state.Analysis, RolloutStore.Json),
        ["revision"] = state.Revision,
        ["updatedAt"] = state.UpdatedAt,
    };

    // What a side is on the runtime: a TargetGroup document, or a Lambda function version.
    private static string SideKey(RolloutState state) => state.Runtime == RolloutState.LambdaRuntime ? "functionVersion" : "targetGroup";

    private static (Argument<string> Name, Option<string?> Stack, Option<string?> Region) Common() =>
    (
        new Argument<string>("NAME") { Description = "The InferenceService document's name." },
        CliSymbols.Text("stack", "NAME", "The stack; needed only when the state table holds several."),
        CliSymbols.Text("region", "R", "The region of the state table (default AWS_REGION, or the sandbox's us-east-1).")
    );

    private static async Task<int> WithStoreAsync(CliEnvironment environment, string? stackName, string? region, Func<RolloutStore, string, Task<int>> act, CancellationToken cancellationToken)
    {
        var aws = StateTableAws.Resolve(environment, region);

        using var factory = new AwsClientFactory(aws, environment.RequestLog);
        var dynamoDb = factory.CreateDynamoDb();
        var table = StateTableOptions.FromEnvironment();
        try
        {
            var stack = stackName ?? await StatusCommand.OnlyStackAsync(new RunRecordStore(dynamoDb, table), table, cancellationToken);
            return await act(new RolloutStore(dynamoDb, table.TableName), stack);
        }
        catch (AmazonServiceException e)
        {
            environment.Errors.WriteLine($"error: reading table {table.TableName}: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
