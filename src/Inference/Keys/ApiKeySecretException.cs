namespace Reconciler.Inference.Keys;

/// <summary>
/// The secret's value is not a key list of the documented shape. Each error names the place (e.g.
/// <c>keys[1].sha256</c>) and what was expected; none quotes the secret's contents.
/// </summary>
internal sealed class ApiKeySecretException(IReadOnlyList<string> errors)
    : Exception("the secret's value is not a valid key list: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
