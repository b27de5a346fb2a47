using System.Globalization;
using System.Text;
using Reconciler.Controller.Rollouts;

namespace Reconciler.Controller.Cli;

/// <summary>The terminal view of a rollout: a header, a bar of the split, and the analysis so far.</summary>
internal static class RolloutView
{
    private const int BarWidth = 40;

    public static string Render(RolloutState state, RolloutIntent? pending)
    {
        var text = new StringBuilder();
        var step = Math.Min(state.Step + 1, state.StepCount);
        text.AppendLine(CultureInfo.InvariantCulture, $"Rollout of {state.Service}: {state.Phase}, step {step}/{state.StepCount}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  blue  {state.DescribeSide(state.StableSide),-12} version {state.Stable.Label,-6} {state.BlueWeight,3} %");
        text.AppendLine(CultureInfo.InvariantCulture, $"  green {state.DescribeSide(state.CandidateSide),-12} version {state.Target?.Label ?? "-",-6} {state.GreenWeight,3} %");
        var green = (int)Math.Round(BarWidth * state.GreenWeight / 100.0);
        text.AppendLine(CultureInfo.InvariantCulture, $"  [{new string('#', BarWidth - green)}{new string('=', green)}]  # blue  = green");
        if (state.PauseDeadline is { } deadline)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  pause ends {deadline.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC");
        }

        if (state.PendingGreenWeight is { } weight)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  writing green {weight} % (not read back yet)");
        }

        if (pending is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  requested: {pending.Action} (waiting for the leader)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {state.Message}");
        if (state.Analysis.Count > 0)
        {
            text.AppendLine("  analysis:");
            foreach (var m in state.Analysis.TakeLast(12))
            {
                var value = m.Value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "no data";
                text.AppendLine(CultureInfo.InvariantCulture, $"    step {m.Step + 1} {m.At.ToUniversalTime():HH:mm:ss} {m.Metric,-16} {m.Outcome,-12} {value} (fails {m.FailWhen} {m.Threshold.ToString(CultureInfo.InvariantCulture)}) {m.Detail}");
            }
        }

        return text.ToString();
    }
}
