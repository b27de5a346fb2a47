using System.Text.Json;
using Reconciler.Aws.Clients.SecretsManager;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// A credential read from Secrets Manager at apply time (a database's master password, an API
/// key's value): only to hand it to the one AWS call that takes it; never logged, never put in an
/// error, a plan or a record. A secret holds the value as plain text, or as JSON with the value
/// under a known key (the form RDS and the console write). Errors name the secret, never its content.
/// </summary>
internal static class SecretText
{
    /// <summary>The value in secret <paramref name="secretId"/> (name or ARN): its text, or its JSON's <paramref name="jsonKey"/>.</summary>
    public static async Task<string> ReadAsync(string secretId, string jsonKey, string what, DriverContext context, CancellationToken cancellationToken)
    {
        var value = await context.Aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId }, cancellationToken);
        var text = value.SecretString
            ?? throw new InvalidOperationException($"Secret {secretId} holds no string; store {what} as a string, or as JSON with a '{jsonKey}' key.");
        return ValueIn(text, jsonKey)
            ?? throw new InvalidOperationException($"Secret {secretId} is JSON without a '{jsonKey}' key; add one, or store {what} itself.");
    }

    private static string? ValueIn(string text, string jsonKey)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty(jsonKey, out var found) && found.ValueKind == JsonValueKind.String ? found.GetString() : null;
        }
        catch (JsonException)
        {
            // Not JSON after all: the text is the value.
            return text;
        }
    }
}
