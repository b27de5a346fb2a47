namespace Reconciler.Model.Specs;

/// <summary>An environment variable whose value ECS reads from Secrets Manager or SSM Parameter Store when the task starts: the document holds only where it is.</summary>
public sealed record ContainerSecretSpec
{
    /// <summary>The environment variable's name in the container.</summary>
    public required string Name { get; init; }

    /// <summary>The ARN of the secret or parameter (a Secrets Manager ARN may end in <c>:json-key::</c>).</summary>
    public required string ValueFrom { get; init; }
}
