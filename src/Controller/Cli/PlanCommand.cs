using System.CommandLine;
using Microsoft.Extensions.Logging;
using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler plan DIR</c>: the diff between the documents and live AWS, changing nothing.
/// Exits 0 when nothing would change, 2 when changes are pending, 1 on error or when part of the
/// stack could not be observed.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliEnvironment environment, ILogger logger)
    {
        var folder = CliSymbols.Folder();
        var json = CliSymbols.Switch("json", "Print the plan as JSON for machines instead of text.");
        var sandbox = StackCommand.SandboxOption();
        var allowOtherAccount = StackCommand.AllowOtherAccountOption();
        var command = new Command(
            "plan",
            "Shows what apply would change in AWS, changing nothing: + create, ~ update (each field before -> after), - delete, "
            + "-/+ replace (naming the field that forces it), ! orphan; a summary and the monthly cost estimate with the change's delta. "
            + "Exits 0 when nothing would change, 2 when changes are pending, 1 on error or when part of the stack could not be observed (listed with ?).")
        {
            folder, json, sandbox, allowOtherAccount,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new StackCommandOptions
            {
                Directory = parsed.GetRequiredValue(folder),
                Sandbox = parsed.GetValue(sandbox),
                AllowOtherAccount = parsed.GetValue(allowOtherAccount),
            },
            parsed.GetValue(json),
            environment,
            logger,
            cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(StackCommandOptions options, bool json, CliEnvironment environment, ILogger logger, CancellationToken cancellationToken) =>
        StackCommand.RunAsync(options, environment, logger, async (desired, session, overrides) =>
        {
            var plan = await session.Reconciler.PlanAsync(desired, overrides, cancellationToken);
            environment.Output.Write(json ? PlanJsonWriter.Write(plan, CostEstimator.Delta(plan)) : PlanRenderer.Render(plan, CostEstimator.Delta(plan)));
            // A plan that could not see part of the stack cannot say "no changes": the skipped
            // resources are listed with the reason, and the exit code says the plan is incomplete.
            return plan.Skipped.Count > 0 ? ExitCodes.Error : plan.HasChanges ? ExitCodes.ChangesPending : ExitCodes.Success;
        }, cancellationToken);
}
