using System.Text.Json;

namespace Reconciler.Inference.Models;

/// <summary>
/// A failure a model version asks for in its ONNX metadata (<c>sandbox:fault</c> =
/// <c>{"errorShare":0.05}</c>), acted on only when <c>Inference:SandboxFaults</c> is on (the
/// sandbox data plane sets it). It exists so a rollout can be shown and tested failing on real
/// requests: the penguins model's version "3" is version "2" with this entry. The failing
/// requests are spread evenly (request n fails when ⌊n·share⌋ grows), not drawn at random, so
/// every window of 1/share requests holds exactly one failure and a test can count them.
/// </summary>
internal sealed class SandboxFault
{
    public const string MetadataKey = "sandbox:fault";

    private long _requests;

    private SandboxFault(double errorShare) => ErrorShare = errorShare;

    /// <summary>The share of inference requests answered with a 500, 0 to 1.</summary>
    public double ErrorShare { get; }

    /// <summary>The fault the metadata names, or null when it names none.</summary>
    /// <exception cref="InvalidDataException">The entry is not <c>{"errorShare": 0..1}</c>.</exception>
    public static SandboxFault? From(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(MetadataKey, out var value))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errorShare", out var share)
                && share.TryGetDouble(out var errorShare)
                && errorShare is >= 0 and <= 1)
            {
                return new SandboxFault(errorShare);
            }
        }
        catch (JsonException)
        {
            // Reported below with the value.
        }

        throw new InvalidDataException($"model metadata '{MetadataKey}' must be {{\"errorShare\": a number from 0 to 1}}, not '{value}'");
    }

    /// <summary>Counts one request and says whether it is one of the failing share.</summary>
    public bool NextFails()
    {
        var n = Interlocked.Increment(ref _requests);
        return Math.Floor(n * ErrorShare) > Math.Floor((n - 1) * ErrorShare);
    }
}
