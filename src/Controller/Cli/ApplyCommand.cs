using Microsoft.Extensions.Logging;
using Reconciler.Controller.Reconcile;
using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler apply DIR</c>: plans, checks the guard rails, converges AWS and prints the
/// outputs. With <c>--sandbox</c> it also plans once more, since the sandbox ends with the command.
/// </summary>
internal static class ApplyCommand
{
    public const string Usage = "reconciler apply DIR [--sandbox] [--allow-mass-delete] [--allow-other-account] [--parallelism N]";

    public static readonly string[] Switches = [.. StackCommand.SharedSwitches, "allow-mass-delete"];

    public static readonly string[] Options = ["parallelism"];

    public static Task<int> RunAsync(CliArguments args, CliEnvironment environment, ILogger logger, CancellationToken cancellationToken) =>
        StackCommand.RunAsync(args, environment, logger, async (desired, session, overrides) =>
        {
            var result = await session.Reconciler.ApplyAsync(desired, new ApplyOptions { Overrides = overrides }, cancellationToken);
            environment.Output.Write(PlanRenderer.Render(result.Plan, CostEstimator.Delta(result.Plan)));
            environment.Output.WriteLine();
            ApplyReport.Write(result, environment.Output);
            if (!result.Succeeded)
            {
                return ExitCodes.Error;
            }

            if (args.Has("sandbox"))
            {
                environment.Output.WriteLine();
                environment.Output.WriteLine("Follow-up plan:");
                var again = await session.Reconciler.PlanAsync(desired, overrides, cancellationToken);
                environment.Output.Write(PlanRenderer.Render(again, CostEstimator.Delta(again)));
            }

            return ExitCodes.Success;
        }, cancellationToken);
}
