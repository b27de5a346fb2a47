using Reconciler.Controller.Drivers.Mechanics;

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

    public static Task<string> ReadAsync(string secretArn, DriverContext context, CancellationToken cancellationToken) =>
        SecretText.ReadAsync(secretArn, "password", "the master password", context, cancellationToken);
}
