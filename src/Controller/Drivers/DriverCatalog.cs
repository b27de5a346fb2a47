using Reconciler.Controller.Drivers.DynamoDb;
using Reconciler.Controller.Drivers.Ec2;
using Reconciler.Controller.Drivers.Logs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Controller.Drivers.S3;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// Every driver, by the kind it converges. Drivers hold no state (clients, stack and identities
/// come in the <see cref="DriverContext"/>), so one catalog serves the whole process. Each driver
/// is wrapped so its errors name the resource and what AWS said.
/// </summary>
internal sealed class DriverCatalog
{
    private readonly Dictionary<string, IResourceDriver> _drivers;

    public DriverCatalog(IEnumerable<IResourceDriver> drivers)
    {
        _drivers = drivers.ToDictionary(d => d.Kind, d => (IResourceDriver)new ErrorNamingDriver(d), StringComparer.Ordinal);
        KindLevels = LevelsOf(_drivers.Keys);
    }

    /// <summary>The catalog of every kind the controller converges.</summary>
    public static DriverCatalog Default { get; } = new(
    [
        new VpcDriver(),
        new SubnetDriver(),
        new InternetGatewayDriver(),
        new RouteTableDriver(),
        new SecurityGroupDriver(),
        new BucketDriver(),
        new LogGroupDriver(),
        new TableDriver(),
    ]);

    /// <summary>The kinds with a driver, sorted.</summary>
    public IReadOnlyList<string> Kinds => [.. _drivers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The driver of a kind, if there is one.</summary>
    public IResourceDriver? Find(string kind) => _drivers.GetValueOrDefault(kind);

    /// <summary>
    /// The kinds with a driver in reference order: the first level references no other kind, each
    /// later one only kinds of earlier levels (hard references, as <see cref="KindInfo.ReferencedKinds"/>
    /// lists them). Observe and create walk it forwards, delete backwards; kinds of one level may
    /// run in parallel.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> KindLevels { get; }

    /// <summary>The driver of a kind, or an error listing the kinds that have one.</summary>
    public IResourceDriver Get(string kind) =>
        Find(kind) ?? throw new InvalidOperationException($"No driver converges kind '{kind}'; drivers exist for: {string.Join(", ", Kinds)}.");

    // Kinds of equal rank (KindOrder: one more than the highest kind referenced) share a level.
    private static List<IReadOnlyList<string>> LevelsOf(IEnumerable<string> kinds) =>
    [
        .. kinds
            .GroupBy(KindOrder.Rank)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)[.. g.Order(StringComparer.Ordinal)]),
    ];
}
