using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Controller.Drift;

/// <summary>
/// A revision of the documents the controller refused (invalid documents, a renamed stack):
/// nothing of it reached AWS, and the revision named by <see cref="InForce"/> stays in force.
/// </summary>
/// <param name="Stack">The stack.</param>
/// <param name="Revision">The refused revision (commit or folder hash).</param>
/// <param name="InForce">The revision still applied, if any.</param>
/// <param name="Error">What is wrong, with file:line where the documents say.</param>
/// <param name="At">When it was refused.</param>
public sealed record RevisionRejection(string Stack, string Revision, string? InForce, string Error, DateTimeOffset At)
{
    /// <summary>The generic webhook body: {type: "revision-rejected", stack, revision, inForce, error, sentAt}.</summary>
    public string ToJson() => new JsonObject
    {
        ["type"] = "revision-rejected",
        ["stack"] = Stack,
        ["revision"] = Revision,
        ["inForce"] = InForce,
        ["error"] = Error,
        ["sentAt"] = At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
    }.ToJsonString();

    /// <summary>A Slack incoming-webhook body.</summary>
    public string ToSlackJson() => JsonSerializer.Serialize(new
    {
        text = $":no_entry: Stack {Stack}: revision {Short(Revision)} was not applied; {(InForce is null ? "no revision is in force" : $"{Short(InForce)} stays in force")}. {Error}",
    });

    private static string Short(string revision) => revision.Length <= 7 ? revision : revision[..7];
}
