namespace Reconciler.Controller.Aws;

/// <summary>
/// Holds every AWS HTTP attempt, official SDK clients and own clients alike, until the
/// <see cref="AwsRequestBudget"/> of its service has a token, and reports throttling answers
/// back to the budget. It sits outside <see cref="AwsRequestCountingHandler"/>, so a request
/// cancelled while it waits is not counted: it was never sent.
/// </summary>
internal sealed class AwsRequestBudgetHandler : DelegatingHandler
{
    private readonly AwsRequestBudget _budget;

    public AwsRequestBudgetHandler(AwsRequestBudget budget, HttpMessageHandler inner)
        : base(inner)
    {
        _budget = budget;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var ticket = await _budget.AcquireAsync(AwsRequestClassifier.ServiceOf(request), cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (await AwsThrottleDetector.IsThrottledAsync(response, cancellationToken).ConfigureAwait(false))
            {
                AwsRequestBudget.OnThrottled(ticket);
            }
        }
        catch
        {
            // The body could not be read (cancelled, connection lost): the caller gets the error, not a half-read answer.
            response.Dispose();
            throw;
        }

        return response;
    }
}
