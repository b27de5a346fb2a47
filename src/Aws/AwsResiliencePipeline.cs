using Polly;
using Polly.Retry;

namespace Reconciler.Aws;

/// <summary>
/// The one retry policy of every AWS call, official SDK clients and the project's own alike, on
/// a Polly resilience pipeline:
/// <list type="bullet">
/// <item>throttling is retried up to <see cref="AwsRetryOptions.ThrottlingMaxAttempts"/> attempts
/// (AWS refused the call before acting, so any call may go again);</item>
/// <item>server errors, timeouts and network errors up to <see cref="AwsRetryOptions.MaxAttempts"/>,
/// but a write that must not be sent twice (<see cref="AwsCall.MayResend"/>) is not re-sent: its
/// failure becomes <see cref="AwsWriteOutcomeUnknownException"/> and the caller looks before it
/// creates again;</item>
/// <item>each wait is full jitter over capped exponential backoff, on the injected clock.</item>
/// </list>
/// The client-side rate limit is not here: every attempt already waits on the controller's
/// per-service request budget in the HTTP handler chain, which slows down on throttling and
/// recovers when quiet. Thread-safe; one instance serves every call of a process's clients.
/// </summary>
public sealed class AwsResiliencePipeline
{
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("Reconciler.AwsCall");

    private readonly AwsRetryOptions _options;
    private readonly Func<double> _random;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Builds the pipeline; validates <paramref name="options"/> first.</summary>
    /// <param name="options">Attempts, backoff and attempt timeout.</param>
    /// <param name="time">Clock for the backoff waits; tests pass a fake one.</param>
    /// <param name="random">Source of jitter in [0, 1); tests fix it.</param>
    /// <exception cref="AwsConfigurationException">The options are invalid; it lists every problem.</exception>
    public AwsResiliencePipeline(AwsRetryOptions options, TimeProvider time, Func<double>? random = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new AwsConfigurationException(errors);
        }

        _options = options;
        _random = random ?? Random.Shared.NextDouble;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // The per-kind limits are enforced in ShouldRetry; this only has to be above both.
                MaxRetryAttempts = Math.Max(1, options.MaxAttempts + options.ThrottlingMaxAttempts),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && ShouldRetry(args.Context, error)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    state.OnRetry?.Invoke(args.AttemptNumber + 1, args.RetryDelay, AwsFaults.Reason(args.Outcome.Exception!));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The options the pipeline was built from.</summary>
    public AwsRetryOptions Options => _options;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or the policy gives up, and returns its
    /// result. On giving up the last attempt's error is thrown (for a write that must not be
    /// re-sent, wrapped in <see cref="AwsWriteOutcomeUnknownException"/>), or the one
    /// <paramref name="onGiveUp"/> makes of it and the number of attempts made.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        AwsCall call,
        Func<int, CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken,
        Action<int, TimeSpan, string>? onRetry = null,
        Func<Exception, int, Exception?>? onGiveUp = null)
    {
        var state = new CallState(call, cancellationToken, onRetry);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, s) =>
                {
                    var (state, attempt) = s;
                    state.Attempts++;
                    return await attempt(state.Attempts, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (state, attempt)).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            if (state.WriteOutcomeUnknown)
            {
                throw new AwsWriteOutcomeUnknownException(call, error);
            }

            if (onGiveUp?.Invoke(error, state.Attempts) is { } replacement)
            {
                throw replacement;
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Full jitter: a uniform wait in [0, min(MaxDelay, BaseDelay × 2^(attempt-1))) after failed attempt <paramref name="attempt"/>.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var ceiling = ExponentialBackoff.Ceiling(_options.BaseDelay, _options.MaxDelay, attempt);
        return TimeSpan.FromTicks((long)(ceiling.Ticks * _random()));
    }

    private bool ShouldRetry(ResilienceContext context, Exception error)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        switch (AwsFaults.Classify(error, state.CallerToken))
        {
            case AwsFault.Throttling:
                state.Throttled++;
                return state.Throttled < _options.ThrottlingMaxAttempts;
            case AwsFault.Transient when !state.Call.MayResend:
                state.WriteOutcomeUnknown = true;
                return false;
            case AwsFault.Transient:
                state.Failed++;
                return state.Failed < _options.MaxAttempts;
            default:
                return false;
        }
    }

    // One call's counts: throttling and other failures have limits of their own.
    private sealed class CallState(AwsCall call, CancellationToken callerToken, Action<int, TimeSpan, string>? onRetry)
    {
        public AwsCall Call { get; } = call;

        public CancellationToken CallerToken { get; } = callerToken;

        public Action<int, TimeSpan, string>? OnRetry { get; } = onRetry;

        public int Attempts { get; set; }

        public int Throttled { get; set; }

        public int Failed { get; set; }

        public bool WriteOutcomeUnknown { get; set; }
    }
}
