using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Tests.Leases;

public sealed class LeaseRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Acquisition_RaisesTheTokenByOne_AndChangesTheVersion()
    {
        var first = LeaseRecord.First("a", TimeSpan.FromSeconds(15), Now);

        var taken = first.AcquiredBy("b", TimeSpan.FromSeconds(20), Now.AddSeconds(30));

        Assert.Equal((1L, 2L), (first.FencingToken, taken.FencingToken));
        Assert.Equal("b", taken.Holder);
        Assert.Equal(TimeSpan.FromSeconds(20), taken.LeaseDuration);
        Assert.NotEqual(first.Version, taken.Version);
    }

    [Fact]
    public void RenewAndRelease_KeepTheToken_AndChangeTheVersion()
    {
        var lease = LeaseRecord.First("a", TimeSpan.FromSeconds(15), Now).AcquiredBy("a", TimeSpan.FromSeconds(15), Now);

        var renewed = lease.Renewed(Now.AddSeconds(2));
        var released = renewed.Released(Now.AddSeconds(4));

        Assert.Equal([2L, 2L, 2L], [lease.FencingToken, renewed.FencingToken, released.FencingToken]);
        Assert.Equal(3, new[] { lease.Version, renewed.Version, released.Version }.Distinct().Count());
        Assert.False(renewed.IsReleased);
        Assert.True(released.IsReleased);
        Assert.Equal(Now, released.AcquiredAt);
    }

    [Fact]
    public void Item_RoundTrips_InTheStacksPartition()
    {
        var lease = LeaseRecord.First("replica-1", TimeSpan.FromSeconds(15), Now).Renewed(Now.AddSeconds(2));

        var item = lease.ToItem("prod");

        Assert.Equal(("stack#prod", "lease"), (item["pk"].S, item["sk"].S));
        Assert.Equal("15000", item["leaseDurationMs"].N);
        Assert.Equal(lease, LeaseRecord.FromItem(item));
    }
}
