using System.Security.Cryptography;
using System.Text;
using Reconciler.Model;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drift;

/// <summary>
/// An open drift alert: a resource whose live fields differ from what the stack's documents
/// declare although the documents have not changed since the last apply. Kept in the state
/// table (<see cref="IAlertStore"/>) while open, so any replica knows what was already sent.
/// </summary>
public sealed record DriftAlert
{
    /// <summary>The stack's name.</summary>
    public required string Stack { get; init; }

    /// <summary>The drifted resource.</summary>
    public required ResourceKey Key { get; init; }

    /// <summary>The drifted fields with their desired and live values, ordered by path.</summary>
    public required IReadOnlyList<DriftField> Fields { get; init; }

    /// <summary>The revision (commit) of the documents that declare the desired values, as last observed.</summary>
    public required string Revision { get; init; }

    /// <summary>The drift policy in force for the resource.</summary>
    public required DriftPolicy Policy { get; init; }

    /// <summary>When this drift (this <see cref="Signature"/>) was first observed.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>When a notification about it was last sent.</summary>
    public required DateTimeOffset LastSent { get; init; }

    /// <summary>Whether the controller corrected it (heal policy); the alert closes once AWS is seen in sync.</summary>
    public bool Healed { get; init; }

    /// <summary>Identifies what drifted: see <see cref="SignatureOf"/>.</summary>
    public required string Signature { get; init; }

    /// <summary>
    /// SHA-256 (lowercase hex) of the drifted paths and their live values. Desired values are left
    /// out on purpose: while the drift lasts the documents are unchanged, so only a change in what
    /// AWS holds makes it a different drift (and a new alert).
    /// </summary>
    public static string SignatureOf(IEnumerable<DriftField> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            // NUL and LF cannot occur unescaped in a path or in JSON text, so the joined form is unambiguous.
            text.Append(field.Path).Append('\0').Append(field.Live).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
