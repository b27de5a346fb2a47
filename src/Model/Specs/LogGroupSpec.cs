using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>A CloudWatch Logs log group and how long it keeps events.</summary>
[Kind("LogGroup")]
public sealed record LogGroupSpec : IResourceSpec
{
    /// <summary>The log group's name. Defaults to <c>/{stack}/{document name}</c>.</summary>
    [Immutable, DefaultName("/{stack}/{name}")]
    public string? LogGroupName { get; init; }

    /// <summary>Days events are kept; one of the values CloudWatch Logs accepts.</summary>
    [AllowedValues(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)]
    public required int RetentionDays { get; init; }

    /// <summary>The ARN of the KMS key that encrypts the group's events.</summary>
    public string? KmsKeyId { get; init; }
}
