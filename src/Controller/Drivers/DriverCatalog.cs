using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// Every driver, by the kind it converges, found by reflection: each concrete
/// <see cref="ResourceDriver{TSpec}"/> of this assembly is the driver of its spec's kind, so a
/// new kind needs no registration. Every kind of <see cref="KindCatalog"/> must have exactly one
/// driver; the catalog refuses to start otherwise. Drivers hold no state (clients, stack and
/// identities come in the <see cref="DriverContext"/>), so one catalog serves the whole process.
/// Each driver is wrapped so its errors name the resource and what AWS said.
/// </summary>
internal sealed class DriverCatalog
{
    private static readonly Lazy<DriverCatalog> Discovered = new(() => FromTypes(typeof(DriverCatalog).Assembly.GetTypes()));

    private readonly Dictionary<string, IResourceDriver> _drivers;

    public DriverCatalog(IEnumerable<IResourceDriver> drivers)
    {
        _drivers = drivers.ToDictionary(d => d.Kind, d => (IResourceDriver)new ErrorNamingDriver(d), StringComparer.Ordinal);
        KindLevels = LevelsOf(_drivers.Keys);
    }

    /// <summary>The catalog of every kind the controller converges; throws on first use when a kind has no driver or two.</summary>
    public static DriverCatalog Default => Discovered.Value;

    /// <summary>The kinds with a driver, sorted.</summary>
    public IReadOnlyList<string> Kinds => [.. _drivers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The kinds with a driver in reference order: the first level references no other kind, each
    /// later one only kinds of earlier levels (hard references, as <see cref="KindInfo.ReferencedKinds"/>
    /// lists them). Observe and create walk it forwards, delete backwards; kinds of one level may
    /// run in parallel.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> KindLevels { get; }

    /// <summary>
    /// The catalog of the drivers among <paramref name="types"/>: one instance of each concrete
    /// <see cref="ResourceDriver{TSpec}"/>, checked to cover every kind exactly once.
    /// </summary>
    public static DriverCatalog FromTypes(IEnumerable<Type> types)
    {
        var drivers = types
            .Where(t => t is { IsClass: true, IsAbstract: false } && IsResourceDriver(t))
            .Select(t => (IResourceDriver)Activator.CreateInstance(t)!)
            .ToList();
        var problems = KindCatalog.All
            .Select(kind => (kind.Name, Drivers: drivers.Where(d => d.Kind == kind.Name).Select(d => d.GetType().Name).ToList()))
            .Where(k => k.Drivers.Count != 1)
            .Select(k => k.Drivers.Count == 0
                ? $"kind '{k.Name}' has no driver; add a sealed class deriving from ResourceDriver<{k.Name}Spec> in src/Controller/Drivers"
                : $"kind '{k.Name}' has {k.Drivers.Count} drivers ({string.Join(", ", k.Drivers)}); keep one")
            .ToList();
        return problems.Count == 0
            ? new DriverCatalog(drivers)
            : throw new InvalidOperationException($"The driver catalog is incomplete: {string.Join("; ", problems)}.");
    }

    /// <summary>The driver of a kind, if there is one.</summary>
    public IResourceDriver? Find(string kind) => _drivers.GetValueOrDefault(kind);

    /// <summary>The driver of a kind, or an error listing the kinds that have one.</summary>
    public IResourceDriver Get(string kind) =>
        Find(kind) ?? throw new InvalidOperationException($"No driver converges kind '{kind}'; drivers exist for: {string.Join(", ", Kinds)}.");

    private static bool IsResourceDriver(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(ResourceDriver<>))
            {
                return true;
            }
        }

        return false;
    }

    // Kinds of equal rank (KindOrder: one more than the highest kind referenced) share a level.
    private static List<IReadOnlyList<string>> LevelsOf(IEnumerable<string> kinds) =>
    [
        .. kinds
            .GroupBy(KindOrder.Rank)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)[.. g.Order(StringComparer.Ordinal)]),
    ];
}
