using System.Text.Json.Nodes;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Drift;

/// <summary>
/// One drifted field: its path in the spec and the desired and live values as canonical JSON
/// text (<see cref="CanonicalJson"/>), <c>null</c> when absent. Text rather than JSON nodes so
/// an alert is immutable, compares by value and is stored as it is.
/// </summary>
/// <param name="Path">The dotted path of the field in the spec, e.g. <c>cidrBlock</c> or <c>tags</c>.</param>
/// <param name="Desired">What the document declares, as canonical JSON.</param>
/// <param name="Live">What AWS holds, as canonical JSON.</param>
public sealed record DriftField(string Path, string Desired, string Live)
{
    /// <summary>The JSON text of an absent value.</summary>
    public const string Absent = "null";

    /// <summary>
    /// The drifted field of a planned change. Only the change's own values are taken (the spec
    /// and the live shape the driver normalised), never raw AWS answers, so no secret can
    /// reach an alert that the documents and the plan do not already show.
    /// </summary>
    public static DriftField From(FieldChange change) =>
        new(change.Path, Canonical(change.After), Canonical(change.Before));

    private static string Canonical(JsonNode? node) => node is null ? Absent : CanonicalJson.Write(node);
}
