using Reconciler.Model.Stacks;

namespace Reconciler.Model.Graph;

/// <summary>
/// The order resources are applied in: a resource comes after everything it references. Hard
/// references (<see cref="DesiredResource.DependsOn"/>) are edges; soft references
/// (<see cref="DesiredResource.SoftReferences"/>, e.g. security group rules naming another
/// group) are added as edges only where they make no cycle, so two groups that allow each
/// other are fine and the executor authorises such rules once both groups exist.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<ResourceKey, SortedSet<ResourceKey>> _dependencies;

    private DependencyGraph(Dictionary<ResourceKey, SortedSet<ResourceKey>> dependencies, IReadOnlyList<IReadOnlyList<ResourceKey>> levels, IReadOnlyList<ResourceKey>? cycle)
    {
        _dependencies = dependencies;
        Levels = levels;
        Cycle = cycle;
    }

    /// <summary>
    /// Topological levels, dependencies first: every resource of a level depends only on resources
    /// of earlier levels, so a level may be applied in parallel. Sorted by key within a level.
    /// When there is a cycle, its resources (and what depends on them) come last, as one level.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ResourceKey>> Levels { get; }

    /// <summary>Every resource, dependencies first.</summary>
    public IReadOnlyList<ResourceKey> Order => [.. Levels.SelectMany(l => l)];

    /// <summary>A cycle of hard references, first resource repeated at the end (A, B, A); null when none.</summary>
    public IReadOnlyList<ResourceKey>? Cycle { get; }

    public bool HasCycle => Cycle is not null;

    /// <summary>The cycle in words: <c>reference cycle: Subnet/a -> RouteTable/b -> Subnet/a</c>.</summary>
    public string? CycleMessage => Cycle is null ? null : $"reference cycle: {string.Join(" -> ", Cycle)}";

    /// <summary>What a resource waits for (hard references and the soft ones kept as edges).</summary>
    public IReadOnlyCollection<ResourceKey> DependenciesOf(ResourceKey key) =>
        _dependencies.TryGetValue(key, out var set) ? set : [];

    /// <summary>What waits for a resource.</summary>
    public IReadOnlyList<ResourceKey> DependentsOf(ResourceKey key) =>
        [.. _dependencies.Where(p => p.Value.Contains(key)).Select(p => p.Key).Order()];

    public static DependencyGraph Build(DesiredStack stack) => Build(stack.Resources);

    public static DependencyGraph Build(IEnumerable<DesiredResource> resources) =>
        Build(resources.Select(r => (r.Key, (IEnumerable<ResourceKey>)r.DependsOn, (IEnumerable<ResourceKey>)r.SoftReferences)));

    /// <summary>Builds from keys and their references; references to keys not in the set are ignored.</summary>
    internal static DependencyGraph Build(IEnumerable<(ResourceKey Key, IEnumerable<ResourceKey> Hard, IEnumerable<ResourceKey> Soft)> nodes)
    {
        var list = nodes.ToList();
        var keys = list.Select(n => n.Key).ToHashSet();
        var dependencies = keys.ToDictionary(k => k, _ => new SortedSet<ResourceKey>());
        foreach (var (key, hard, _) in list)
        {
            dependencies[key].UnionWith(hard.Where(d => keys.Contains(d) && d != key));
        }

        var (levels, remaining) = Kahn(dependencies);
        IReadOnlyList<ResourceKey>? cycle = null;
        if (remaining.Count > 0)
        {
            cycle = FindCycle(dependencies, remaining);
            levels.Add([.. remaining.Order()]);
            return new DependencyGraph(dependencies, levels, cycle);
        }

        // Soft edges in a fixed order, each only if the other side does not already wait for this one.
        foreach (var (key, _, soft) in list.OrderBy(n => n.Key))
        {
            foreach (var target in soft.Where(t => keys.Contains(t) && t != key).Distinct().Order())
            {
                if (!Reaches(dependencies, target, key))
                {
                    dependencies[key].Add(target);
                }
            }
        }

        (levels, _) = Kahn(dependencies);
        return new DependencyGraph(dependencies, levels, cycle);
    }

    private static (List<IReadOnlyList<ResourceKey>> Levels, HashSet<ResourceKey> Remaining) Kahn(Dictionary<ResourceKey, SortedSet<ResourceKey>> dependencies)
    {
        var remaining = dependencies.Keys.ToHashSet();
        var levels = new List<IReadOnlyList<ResourceKey>>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(k => !dependencies[k].Any(remaining.Contains)).Order().ToList();
            if (ready.Count == 0)
            {
                break;
            }

            levels.Add(ready);
            remaining.ExceptWith(ready);
        }

        return (levels, remaining);
    }

    /// <summary>Whether <paramref name="from"/> depends, directly or not, on <paramref name="to"/>.</summary>
    private static bool Reaches(Dictionary<ResourceKey, SortedSet<ResourceKey>> dependencies, ResourceKey from, ResourceKey to)
    {
        var seen = new HashSet<ResourceKey>();
        var stack = new Stack<ResourceKey>([from]);
        while (stack.TryPop(out var current))
        {
            if (current == to)
            {
                return true;
            }

            if (seen.Add(current))
            {
                foreach (var next in dependencies[current])
                {
                    stack.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>A cycle among the resources Kahn could not order, starting at the smallest key.</summary>
    private static List<ResourceKey> FindCycle(Dictionary<ResourceKey, SortedSet<ResourceKey>> dependencies, HashSet<ResourceKey> remaining)
    {
        // Every remaining node has a remaining dependency, so walking them must revisit a node.
        var start = remaining.Order().First();
        var path = new List<ResourceKey>();
        var index = new Dictionary<ResourceKey, int>();
        var current = start;
        while (!index.ContainsKey(current))
        {
            index[current] = path.Count;
            path.Add(current);
            current = dependencies[current].First(remaining.Contains);
        }

        var cycle = path.Skip(index[current]).ToList();
        var smallest = cycle.IndexOf(cycle.Min());
        cycle = [.. cycle.Skip(smallest), .. cycle.Take(smallest)];
        cycle.Add(cycle[0]);
        return cycle;
    }
}
