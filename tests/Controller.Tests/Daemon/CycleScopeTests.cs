using Reconciler.Controller.Daemon;

namespace Reconciler.Controller.Tests.Daemon;

public sealed class CycleScopeTests
{
    [Fact]
    public void Scope_IsTheKeyValueListTheConsoleFormattersWriteAsFields()
    {
        object scope = new CycleScope("0123456789ab");

        // The JSON console formatter writes a scope's fields only for this exact interface.
        var fields = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(scope);
        Assert.Equal([new KeyValuePair<string, object?>("ReconcileId", "0123456789ab")], fields);
        Assert.Equal("ReconcileId:0123456789ab", scope.ToString());
    }
}
