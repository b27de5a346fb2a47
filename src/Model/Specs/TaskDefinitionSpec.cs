using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An ECS task definition for Fargate: cpu and memory, its containers, and the roles its tasks
/// and the ECS agent use. Task definitions are immutable in ECS: a change registers a new
/// revision of the family (that is the update), the services of the stack that run the family
/// move to it, and older revisions are deregistered except the one before (kept for the
/// deployment circuit breaker's rollback). Live state is the family's latest ACTIVE revision.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: the family name is fixed by the document; a new family cannot
/// take the old one's name while it has active revisions.
/// </remarks>
[Kind("TaskDefinition")]
public sealed record TaskDefinitionSpec : IResourceSpec
{
    /// <summary>Fargate's memory sizes (MiB) for each cpu size (units of 1/1024 vCPU).</summary>
    private static readonly IReadOnlyDictionary<int, (int[] Sizes, string Shown)> FargateMemory = new Dictionary<int, (int[], string)>
    {
        [256] = ([512, 1024, 2048], "512, 1024 or 2048"),
        [512] = ([.. Enumerable.Range(1, 4).Select(g => g * 1024)], "1024 to 4096 in steps of 1024"),
        [1024] = ([.. Enumerable.Range(2, 7).Select(g => g * 1024)], "2048 to 8192 in steps of 1024"),
        [2048] = ([.. Enumerable.Range(4, 13).Select(g => g * 1024)], "4096 to 16384 in steps of 1024"),
        [4096] = ([.. Enumerable.Range(8, 23).Select(g => g * 1024)], "8192 to 30720 in steps of 1024"),
        [8192] = ([.. Enumerable.Range(4, 12).Select(g => g * 4096)], "16384 to 61440 in steps of 4096"),
        [16384] = ([.. Enumerable.Range(4, 12).Select(g => g * 8192)], "32768 to 122880 in steps of 8192"),
    };

    /// <summary>The family's name; every revision shares it. Defaults to <c>{stack}-{document name}</c>; changing it replaces the task definition.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? Family { get; init; }

    /// <summary>CPU units for the task (1024 = 1 vCPU); one of Fargate's sizes.</summary>
    [AllowedValues(256, 512, 1024, 2048, 4096, 8192, 16384)]
    public required int Cpu { get; init; }

    /// <summary>Memory for the task in MiB; Fargate allows only certain sizes for each cpu.</summary>
    [Range(512, 122880)]
    public required int Memory { get; init; }

    /// <summary>The task's containers (one for most services). Compared as a set, by value.</summary>
    public required IReadOnlyList<ContainerSpec> Containers { get; init; }

    /// <summary>The Role document the task's own code assumes (its AWS permissions); none when absent.</summary>
    [Reference("Role")]
    public string? TaskRole { get; init; }

    /// <summary>The Role document the ECS agent uses to pull the image, write logs and read the containers' secrets.</summary>
    [Reference("Role")]
    public required string ExecutionRole { get; init; }

    /// <summary>Fargate's cpu and memory pairs, one or more containers with unique names, and the containers' own rules.</summary>
    public void Validate(SpecRules rules)
    {
        if (rules.HasValue("cpu") && rules.HasValue("memory") && FargateMemory.TryGetValue(Cpu, out var allowed) && !allowed.Sizes.Contains(Memory))
        {
            rules.Error("memory", $"memory {Memory} MiB is not a Fargate size for cpu {Cpu} in TaskDefinition spec; with cpu {Cpu} use {allowed.Shown}");
        }

        if (rules.HasValue("containers") && Containers.Count == 0)
        {
            rules.Error("containers", "containers in TaskDefinition spec is empty; describe at least one container");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (Containers?.Count ?? 0); i++)
        {
            if (Containers![i] is not { } container)
            {
                continue;
            }

            if (container.Name is { } name && !seen.Add(name))
            {
                rules.Error($"containers[{i}].name", $"container name '{name}' appears twice in TaskDefinition spec; give each container its own name");
            }

            container.Validate(rules, $"containers[{i}]");
        }
    }

    /// <summary>A task definition costs nothing itself: its running tasks are priced on the Service that runs it.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
