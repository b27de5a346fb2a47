using System.Collections;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// The log scope of one reconcile cycle. The console formatters write a scope's fields only when
/// it is a list of <c>KeyValuePair&lt;string, object?&gt;</c> (a <c>Dictionary&lt;string, object&gt;</c>
/// is not one, and came out as its type name); this is one, so JSON lines carry
/// <c>"Scopes":[{"Message":"ReconcileId:…","ReconcileId":"…"}]</c> and text lines the id.
/// </summary>
internal sealed class CycleScope(string reconcileId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The field's name in log lines.</summary>
    public const string ReconcileIdField = "ReconcileId";

    /// <summary>Twelve hex digits naming one cycle, so its lines can be picked out of the log.</summary>
    public string ReconcileId { get; } = reconcileId;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(ReconcileIdField, ReconcileId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{ReconcileIdField}:{ReconcileId}";
}
