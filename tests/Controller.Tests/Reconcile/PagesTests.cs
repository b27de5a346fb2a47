using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Tests.Reconcile;

public sealed class PagesTests
{
    [Fact]
    public async Task ReadAllAsync_ThreePages_ReturnsEveryItemInOrder()
    {
        var pages = new Dictionary<string, (int[] Items, string? Next)>
        {
            [""] = ([1, 2], "a"),
            ["a"] = ([3], "b"),
            ["b"] = ([4, 5], null),
        };

        var all = await Pages.ReadAllAsync<int>(token => Task.FromResult<(IEnumerable<int>?, string?)>(pages[token ?? ""]));

        Assert.Equal([1, 2, 3, 4, 5], all);
    }

    [Fact]
    public async Task ReadAllAsync_TokenThatNeverEnds_GivesUpInsteadOfLoopingForever()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Pages.ReadAllAsync<int>(_ => Task.FromResult<(IEnumerable<int>?, string?)>(([1], "again"))));

        Assert.Equal("Gave up after 1000 pages: the API kept returning a next token.", error.Message);
    }
}
