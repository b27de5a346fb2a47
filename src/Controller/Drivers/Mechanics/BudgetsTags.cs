namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Budget tags are given once, with CreateBudget's ResourceTags, and not converged afterwards:
/// the Budgets tagging calls (ListTagsForResource, TagResource) are missing from moto and from
/// endpoints older than 2024, and a budget is found by its stack-prefixed name, not by tag. So
/// reads report no tags and later tag changes leave the budget as it is; <c>BudgetSpec</c>
/// declares its tags owned elsewhere so that the planner never shows them as drift.
/// </summary>
internal sealed class BudgetsTags : ITagApi
{
    public static BudgetsTags Instance { get; } = new();

    public Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
