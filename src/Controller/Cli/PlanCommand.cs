using Microsoft.Extensions.Logging;
using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler plan DIR</c>: the diff between the documents and live AWS, changing nothing.
/// Exits 0 when nothing would change, 2 when changes are pending, 1 on error.
/// </summary>
internal static class PlanCommand
{
    public const string Usage = "reconciler plan DIR [--json] [--sandbox] [--allow-other-account]";

    public static readonly string[] Switches = [.. StackCommand.SharedSwitches, "json"];

    public static Task<int> RunAsync(CliArguments args, CliEnvironment environment, ILogger logger, CancellationToken cancellationToken) =>
        StackCommand.RunAsync(args, environment, logger, async (desired, session, overrides) =>
        {
            var plan = await session.Reconciler.PlanAsync(desired, overrides, cancellationToken);
            environment.Output.Write(args.Has("json") ? PlanJsonWriter.Write(plan, CostEstimator.Delta(plan)) : PlanRenderer.Render(plan, CostEstimator.Delta(plan)));
            return plan.HasChanges ? ExitCodes.ChangesPending : ExitCodes.Success;
        }, cancellationToken);
}
