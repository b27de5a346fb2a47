using Reconciler.Controller.Reconcile;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Cli;

/// <summary>Prints what an apply did: failures with their reasons, a summary, then every resource's outputs.</summary>
internal static class ApplyReport
{
    public static void Write(ApplyResult result, TextWriter output)
    {
        foreach (var failed in result.Outcomes.Where(o => !o.Succeeded).OrderBy(o => o.Key))
        {
            output.WriteLine($"  ! {failed.Key}: {failed.Error}");
        }

        var changed = result.Outcomes.Count(o => o.Succeeded && o.Action is not ChangeAction.NoOp);
        var failures = result.Outcomes.Count(o => !o.Succeeded);
        output.WriteLine(failures == 0
            ? $"Apply complete: {changed} changed, {result.Outcomes.Count - changed} unchanged."
            : $"Apply failed: {failures} failed, {changed} changed. Run apply again after fixing the cause; what succeeded is recorded.");

        var withOutputs = result.Outcomes.Where(o => o.Observed is { Outputs.Count: > 0 }).OrderBy(o => o.Key).ToList();
        if (withOutputs.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Outputs:");
        foreach (var outcome in withOutputs)
        {
            output.WriteLine($"  {outcome.Key}");
            foreach (var (name, value) in outcome.Observed!.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {name} = {value}");
            }
        }
    }
}
