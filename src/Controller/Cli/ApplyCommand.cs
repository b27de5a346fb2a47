using System.CommandLine;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Daemon;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Controller.State;
using Reconciler.Model.Stacks;
using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler apply DIR</c>: plans, checks the guard rails, converges AWS and prints the
/// outputs. With <c>--sandbox</c> it also plans once more, since the sandbox ends with the command.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliEnvironment environment, ILogger logger)
    {
        var symbols = new ApplySymbols();
        var command = symbols.AddTo(new Command(
            "apply",
            "Converges AWS to the documents of DIR in dependency order, records each resource's identity, outputs and applied hash "
            + "in the DynamoDB state table, and prints the outputs. Corrects drift whatever the drift policy. Exits 0 on success, 1 on error."));
        command.SetAction((parsed, cancellationToken) =>
        {
            var options = symbols.Read(parsed);
            return WithinDeadlineAsync(
                symbols.Deadline(parsed),
                environment,
                token => StackCommand.RunAsync(options, environment, logger, (desired, session, overrides) => ApplyAsync(desired, session, overrides, options, environment, token), token),
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The apply's default deadline: the dev stack converges in seconds, and in under three minutes
    /// with 30 % of requests throttled (bench/README.md); half an hour leaves room for slow kinds
    /// (RDS) without letting a throttled apply run for ever.
    /// </summary>
    internal static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(30);

    // Bounds the whole command, retries and waits included, by one deadline with a clear error when it passes.
    internal static async Task<int> WithinDeadlineAsync(TimeSpan deadline, CliEnvironment environment, Func<CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        if (deadline <= TimeSpan.Zero)
        {
            throw new CliUsageException($"--deadline must be longer than zero, not {deadline}; e.g. --deadline 30m.");
        }

        using var expiry = new CancellationTokenSource(deadline);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            return await run(linked.Token);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            environment.Errors.WriteLine(
                $"error: apply did not finish within its deadline of {deadline} (--deadline); it stopped where it was, and what succeeded is recorded. "
                + "Run apply again to continue, or allow it longer with --deadline.");
            return ExitCodes.Error;
        }
    }

    /// <summary>
    /// The apply itself, on a loaded stack and an open session: converge, record the run, print the
    /// plan, the report and (in a sandbox) the follow-up plan. <c>bootstrap</c> ends with this.
    /// </summary>
    internal static async Task<int> ApplyAsync(
        DesiredStack desired, AwsSession session, GuardOverrides overrides, StackCommandOptions options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var result = await session.Reconciler.ApplyAsync(desired, new ApplyOptions { Overrides = overrides }, cancellationToken);
        await RecordRunAsync(session, desired, options.Directory, result, cancellationToken);
        environment.Output.Write(PlanRenderer.Render(result.Plan, CostEstimator.Delta(result.Plan)));
        environment.Output.WriteLine();
        ApplyReport.Write(result, environment.Output);
        if (!result.Succeeded)
        {
            return ExitCodes.Error;
        }

        if (options.Sandbox)
        {
            environment.Output.WriteLine();
            environment.Output.WriteLine("Follow-up plan:");
            var again = await session.Reconciler.PlanAsync(desired, overrides, cancellationToken);
            environment.Output.Write(PlanRenderer.Render(again, CostEstimator.Delta(again)));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Records the apply in the stack's run record, so <c>reconciler status</c> shows each resource's
    /// state after an apply by hand as it does after a controller's cycle. A controller running for
    /// the stack writes its own record again at its next cycle.
    /// </summary>
    private static async Task RecordRunAsync(AwsSession session, DesiredStack desired, string directory, ApplyResult result, CancellationToken cancellationToken)
    {
        var runs = new RunRecordStore(session.Clients.DynamoDb, StateTableOptions.FromEnvironment());
        var stack = desired.Stack.Name;
        var previous = await runs.ReadAsync(stack, cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var revision = $"{Path.GetFullPath(directory)} (reconciler apply)";
        var failed = result.Outcomes.Where(o => !o.Succeeded).ToList();
        var resources = ResourceStates.Of(result);
        if (previous is { LastError: null } && previous.AppliedRevision == revision && failed.Count == 0 && SameStates(previous.Resources, resources))
        {
            // Nothing changed, not even in the record: an apply that changes nothing writes nothing.
            return;
        }

        var record = (previous ?? new RunRecord()) with
        {
            AppliedRevision = result.Succeeded ? revision : previous?.AppliedRevision,
            AppliedAt = result.Succeeded ? now : previous?.AppliedAt,
            LatestRevision = revision,
            LastCycleAt = now,
            LastError = failed.Count == 0 ? null : $"{failed.Count} resource(s) failed; the first: {failed[0].Key}: {failed[0].Error}",
            Holder = "reconciler apply",
            Resources = resources,
        };
        await runs.WriteAsync(session.State, stack, record, cancellationToken);
    }

    private static bool SameStates(IReadOnlyDictionary<string, ResourceStatus> before, IReadOnlyDictionary<string, ResourceStatus> after) =>
        before.Count == after.Count && before.All(b => after.TryGetValue(b.Key, out var a) && a == b.Value);
}
