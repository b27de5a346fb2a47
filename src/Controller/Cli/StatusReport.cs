using System.Text;
using Reconciler.Controller.Drift;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Cli;

/// <summary>What <c>reconciler status</c> shows, as data (for --json) and as text.</summary>
internal sealed record StatusReport(string Stack, string? Leader, long? FencingToken, RunRecord Run, IReadOnlyList<DriftAlert> OpenAlerts)
{
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"Stack:     {Stack}");
        text.AppendLine($"Leader:    {Leader ?? "(none: no replica holds the lease)"}{(FencingToken is { } token ? $" (fencing token {token})" : "")}");
        text.AppendLine($"Applied:   {Run.AppliedRevision ?? "(nothing yet)"}{(Run.AppliedAt is { } at ? $" at {at:u}" : "")}");
        if (Run.LatestRevision is { } latest && latest != Run.AppliedRevision)
        {
            text.AppendLine($"Latest:    {latest} (not in force)");
        }

        text.AppendLine($"Last cycle: {(Run.LastCycleAt is { } cycle ? cycle.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never")}");
        if (Run.LastError is { } error)
        {
            text.AppendLine($"Error:     {error}");
        }

        text.AppendLine();
        text.AppendLine("Resources:");
        foreach (var (key, status) in Run.Resources.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {status.State,-15} {key}{(status.Error is { } failure ? $": {failure}" : "")}");
        }

        text.AppendLine();
        text.AppendLine(OpenAlerts.Count == 0 ? "Open drift alerts: none" : $"Open drift alerts: {OpenAlerts.Count}");
        foreach (var alert in OpenAlerts.OrderBy(a => a.Key))
        {
            text.AppendLine($"  {alert.Key} since {alert.FirstSeen:u}: {string.Join("; ", alert.Fields.Select(f => $"{f.Path} desired {f.Desired}, live {f.Live}"))}");
        }

        return text.ToString();
    }
}
