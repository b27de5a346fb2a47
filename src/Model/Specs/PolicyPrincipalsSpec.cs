namespace Reconciler.Model.Specs;

/// <summary>The principals of a trust policy statement, by type.</summary>
public sealed record PolicyPrincipalsSpec
{
    /// <summary>AWS services, e.g. ec2.amazonaws.com. Compared as a set.</summary>
    public IReadOnlyList<string> Service { get; init; } = [];

    /// <summary>AWS accounts, users or roles by ARN or account id; <c>*</c> is anyone. Compared as a set.</summary>
    public IReadOnlyList<string> Aws { get; init; } = [];

    /// <summary>Identity providers (web identity or SAML). Compared as a set.</summary>
    public IReadOnlyList<string> Federated { get; init; } = [];
}
