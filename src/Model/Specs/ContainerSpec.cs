using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// One container of a task definition: its image (an ECR Repository of the stack with a tag, or
/// a full image URI), its port, environment and secrets, health check and logs.
/// </summary>
public sealed record ContainerSpec
{
    /// <summary>The container's name, unique in the task; a Service's load balancer names it.</summary>
    public required string Name { get; init; }

    /// <summary>The Repository document the image comes from; give imageTag with it. Exclusive with image.</summary>
    [Reference("Repository")]
    public string? Repository { get; init; }

    /// <summary>The tag of the image in repository (tags are immutable there, so the tag names exactly one image).</summary>
    public string? ImageTag { get; init; }

    /// <summary>A full image URI (<c>public.ecr.aws/x/y:1.2</c>) instead of a Repository of the stack.</summary>
    public string? Image { get; init; }

    /// <summary>The arguments given to the image's entry point instead of its CMD; the image's own when absent (unmanaged).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The TCP port the container listens on (Fargate maps it to the same port of the task's network interface).</summary>
    [Range(1, 65535)]
    public int? Port { get; init; }

    /// <summary>Plain environment variables. Never secrets: the loader refuses a secret-looking value or a literal under a secret-sounding name; use secrets instead.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables the ECS agent fills from Secrets Manager or SSM Parameter Store at start, by ARN. Compared as a set.</summary>
    public IReadOnlyList<ContainerSecretSpec> Secrets { get; init; } = [];

    /// <summary>The container's health check command, as ECS takes it: <c>["CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1"]</c>; none when absent.</summary>
    public IReadOnlyList<string>? HealthCheckCommand { get; init; }

    /// <summary>The LogGroup document the container's output goes to (awslogs driver, streams prefixed with the container's name); none when absent.</summary>
    [Reference("LogGroup")]
    public string? LogGroup { get; init; }

    /// <summary>Whether the task stops when this container stops.</summary>
    public bool Essential { get; init; } = true;

    /// <summary>One image source, secrets by ARN, a health check ECS can run.</summary>
    internal void Validate(SpecRules rules, string path)
    {
        if (rules.HasValue($"{path}.image") == (rules.HasValue($"{path}.repository") || rules.HasValue($"{path}.imageTag")))
        {
            rules.Error(path, $"container '{Name}' in TaskDefinition spec needs exactly one image source; set image (a full URI) or repository with imageTag");
        }
        else if (rules.HasValue($"{path}.repository") != rules.HasValue($"{path}.imageTag"))
        {
            rules.Error(rules.HasValue($"{path}.repository") ? $"{path}.repository" : $"{path}.imageTag", $"container '{Name}' in TaskDefinition spec names a repository without imageTag or a tag without repository; set both");
        }

        for (var i = 0; i < (Secrets?.Count ?? 0); i++)
        {
            if (Secrets![i] is { ValueFrom: { } from } && !(from.StartsWith("arn:", StringComparison.Ordinal) && (from.Contains(":secretsmanager:", StringComparison.Ordinal) || from.Contains(":ssm:", StringComparison.Ordinal))))
            {
                rules.Error($"{path}.secrets[{i}].valueFrom", $"secret '{Secrets[i].Name}' of container '{Name}' in TaskDefinition spec must come from a Secrets Manager or SSM parameter ARN (arn:aws:secretsmanager:... or arn:aws:ssm:...)");
            }
        }

        if (HealthCheckCommand is [var first, ..] && first is not ("CMD" or "CMD-SHELL"))
        {
            rules.Error($"{path}.healthCheckCommand", $"healthCheckCommand of container '{Name}' in TaskDefinition spec must start with CMD or CMD-SHELL");
        }
    }
}
