using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Tests.Leases;

public sealed class LeaseFenceTests
{
    [Fact]
    public void ConditionCheck_RequiresTheHolderAndTokenOnTheStacksLeaseItem()
    {
        var fence = new LeaseFence("reconciler-state", "prod", "replica-1", 7);

        var check = fence.ToConditionCheck().ConditionCheck;

        Assert.Equal("reconciler-state", check.TableName);
        Assert.Equal(("stack#prod", "lease"), (check.Key["pk"].S, check.Key["sk"].S));
        Assert.Equal("#holder = :me AND #token = :token", check.ConditionExpression);
        Assert.Equal(("holder", "fencingToken"), (check.ExpressionAttributeNames["#holder"], check.ExpressionAttributeNames["#token"]));
        Assert.Equal(("replica-1", "7"), (check.ExpressionAttributeValues[":me"].S, check.ExpressionAttributeValues[":token"].N));
    }

    [Fact]
    public void LeaseLostException_NamesReplicaStackTokenAndWrite()
    {
        var fence = new LeaseFence("reconciler-state", "prod", "replica-1", 7);

        var exception = new LeaseLostException(fence, "put of item 'resource#Vpc/main'", null);

        Assert.Equal(
            "Replica 'replica-1' lost the lease of stack 'prod' (fencing token 7); the put of item 'resource#Vpc/main' in table 'reconciler-state' was refused. Another replica leads the stack now: stop acting on it.",
            exception.Message);
    }
}
