namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// A Lambda alias's address in its ARN (<c>arn:aws:lambda:REGION:ACCOUNT:function:FUNCTION:ALIAS</c>),
/// the identity the Alias driver records: read by the driver and by the rollout engine, which
/// moves the alias's weights.
/// </summary>
internal static class LambdaAliasArn
{
    /// <summary>The function name and alias name of <paramref name="aliasArn"/>.</summary>
    public static (string Function, string Alias) Parse(string aliasArn)
    {
        var parts = aliasArn.Split(':');
        return parts.Length == 8 && parts[5] == "function"
            ? (parts[6], parts[7])
            : throw new InvalidOperationException($"'{aliasArn}' is not a Lambda alias ARN.");
    }
}
