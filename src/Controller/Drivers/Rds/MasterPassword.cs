using System.Text.Json;
using Reconciler.Aws.Clients.SecretsManager;

namespace Reconciler.Controller.Drivers.Rds;

/// <summary>
/// The master password of a DbInstance whose document references a Secrets Manager secret
/// (<c>masterPasswordSecret</c>): read only to hand it to CreateDBInstance or ModifyDBInstance,
/// never logged, never put in an error or a record. A secret holds the password as plain text, or
/// as JSON with a <c>password</c> key (the form RDS and the console write).
/// </summary>
internal static class MasterPassword
{
    /// <summary>The reserved tag that records which secret the password was set from, so observe can report it.</summary>
    public const string SourceTag = "reconciler:master-password-secret";

    public static async Task<string> ReadAsync(string secretArn, DriverContext context, CancellationToken cancellationToken)
    {
        var value = await context.Aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretArn }, cancellationToken);
        var text = value.SecretString
            ?? throw new InvalidOperationException($"Secret {secretArn} holds no string; store the master password as a string, or as JSON with a 'password' key.");
        return PasswordIn(text)
            ?? throw new InvalidOperationException($"Secret {secretArn} is JSON without a 'password' key; add one, or store the password itself.");
    }

    private static string? PasswordIn(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String ? password.GetString() : null;
        }
        catch (JsonException)
        {
            // Not JSON after all: the text is the password.
            return text;
        }
    }
}
