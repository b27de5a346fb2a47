using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Controller.Leases;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Moves each inference service's traffic from blue to green step by step, as its strategy says,
/// and back to blue when green fails its analysis. Run by the leader on its clock: every
/// <see cref="TickAsync"/> takes the steps that are due and returns; nothing sleeps.
/// <para>
/// Every change is first written to the state table (fenced by the lease token, conditional on
/// the sequence read), then carried out: a weight is written as absolute values only after the
/// state names it as pending, and counts as applied only once read back from the runtime (the
/// listener, or the alias: see <see cref="ITrafficSplit"/>), when
/// the step advances in a second fenced write. A leader killed between any two of these resumes
/// from the state: it writes the same pending values again (absolute, so nothing moves twice),
/// keeps the recorded pause deadline, and never re-runs a finished step. A stale leader's first
/// fenced write fails (<see cref="LeaseLostException"/>), before any weight it would write.
/// </para>
/// <para>
/// A change of <c>model.version</c> starts a rollout; a newer version during a rollout
/// supersedes it: green goes back to 0 % and the new version starts again at the first step. A
/// commit back to the version blue serves cancels the rollout (all traffic to blue, Succeeded).
/// </para>
/// </summary>
internal sealed partial class RolloutEngine(AwsClients aws, StateStore state, RolloutStore rollouts, WebhookAlertSink? alerts, TimeProvider time, ILogger logger)
{
    // Transitions one tick may make for one service (a setWeight, its read-back, the next pause...).
    private const int MaxTransitionsPerTick = 32;

    private readonly AlbWeights _weights = new(aws.Elbv2);
    private readonly GreenVersions _versions = new(aws.Lambda);
    private readonly RolloutAnalysis _analysis = new(aws.CloudWatch);

    /// <summary>
    /// Takes the due steps of every inference service of <paramref name="stack"/> and returns
    /// their rollouts as recorded. A service whose runtime (listener and target groups, or alias) or bucket do not exist
    /// yet is skipped; one that fails is logged and tried again next tick. Losing the lease stops
    /// the tick (the exception propagates).
    /// </summary>
    public async Task<IReadOnlyList<RolloutState>> TickAsync(DesiredStack stack, string? revision, LeaseFence fence, CancellationToken cancellationToken)
    {
        var services = stack.Resources.Where(r => r.Spec is InferenceServiceSpec).ToList();
        if (services.Count == 0)
        {
            return [];
        }

        var records = await state.LoadAsync(stack.Stack.Name, cancellationToken);
        foreach (var service in services)
        {
            try
            {
                await TickServiceAsync(stack.Stack.Name, service.Key.Name, service.SpecAs<InferenceServiceSpec>(), records, revision, fence, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException and not LeaseLostException and not Daemon.WriteRefusedException)
            {
                LogServiceFailed(logger, service.Key.Name, e.Message, e);
            }
        }

        return await rollouts.ListAsync(stack.Stack.Name, cancellationToken);
    }

    private async Task TickServiceAsync(string stack, string name, InferenceServiceSpec spec, IReadOnlyDictionary<ResourceKey, RecordedResource> records, string? revision, LeaseFence fence, CancellationToken cancellationToken)
    {
        var bucket = IdOf(records, "Bucket", spec.Model.Bucket);
        if (bucket is null || SplitOf(spec.Runtime, records) is not { } split)
        {
            LogWaiting(logger, name);
            return;
        }

        var writer = new RolloutWriter(rollouts, fence, stack, time);
        var current = await rollouts.ReadAsync(stack, name, cancellationToken);

        // First sight, or a runtime the document changed (alb to lambda): the sides are read from the
        // runtime as it is; blue serves what it served before, or on first sight the document's version.
        if (current is null || current.Runtime != split.Kind)
        {
            var model = current?.Stable ?? await ResolveAsync(bucket, spec.Model, spec.Model.Version, cancellationToken);
            var (blue, green, weight) = await split.FirstSightAsync(cancellationToken);
            var seen = new RolloutState
            {
                Runtime = split.Kind,
                Service = name,
                Phase = RolloutPhase.Succeeded,
                Step = spec.Strategy.Steps.Count,
                StepCount = spec.Strategy.Steps.Count,
                StableSide = blue,
                CandidateSide = green,
                Stable = model,
                GreenWeight = weight,
            };
            current = await writer.WriteAsync(current, seen with { Message = (current is null ? "" : $"runtime changed from {current.Runtime} to {split.Kind}: ") + $"serving model version {model.Label} on {seen.DescribeSide(blue)}" }, cancellationToken);
        }

        if (await rollouts.ReadIntentAsync(stack, name, cancellationToken) is { } intent)
        {
            current = await ActOnIntentAsync(writer, current, intent, spec, cancellationToken);
            await rollouts.TakeIntentAsync(fence, stack, intent, cancellationToken);
        }

        if (spec.Model.Version != (current.Target?.Label ?? current.Stable.Label))
        {
            ModelRef model;
            try
            {
                model = await ResolveAsync(bucket, spec.Model, spec.Model.Version, cancellationToken);
            }
            catch (InvalidOperationException unknown)
            {
                // Nothing starts on a model that is not there; status says why, once.
                var refused = $"not rolling out: {unknown.Message}";
                if (current.Message != refused)
                {
                    await writer.WriteAsync(current, current with { Message = refused }, cancellationToken);
                }

                throw;
            }

            current = await writer.WriteAsync(current, Supersede(current, model, spec, revision), cancellationToken);
        }

        for (var transition = 0; transition < MaxTransitionsPerTick; transition++)
        {
            var (next, more) = await StepAsync(writer, stack, current, spec, split, cancellationToken);
            current = next;
            if (!more)
            {
                return;
            }
        }
    }

    // One transition; "more" when the next one may be due at once.
    private async Task<(RolloutState State, bool More)> StepAsync(RolloutWriter writer, string stack, RolloutState current, InferenceServiceSpec spec, ITrafficSplit split, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var steps = spec.Strategy.Steps;
        if (current.PendingGreenWeight is { } pending)
        {
            current = await split.PrepareGreenAsync(writer, current, pending, cancellationToken);
            await split.WriteAsync(current, pending, cancellationToken);
            var read = await split.ReadGreenAsync(current, cancellationToken);
            if (read != pending)
            {
                throw new InvalidOperationException($"{split.Where} shows green at {read?.ToString() ?? "no"} % after green {pending} % was written; writing again next tick");
            }

            var weights = $"weights blue {100 - pending} % / green {pending} % (read back from {split.Where})";

            // An abort's message says why; the confirmed weights are added to it, not put in its place.
            var confirmed = current with { GreenWeight = pending, PendingGreenWeight = null, Message = current.Phase == RolloutPhase.Aborted ? $"{current.Message}; {weights}" : weights };
            if (current.Phase == RolloutPhase.Progressing && current.Step < steps.Count && steps[current.Step].SetWeight == pending)
            {
                confirmed = Advance(confirmed, now);
            }

            LogWeights(logger, current.Service, 100 - pending, pending);
            return (await writer.WriteAsync(current, confirmed, cancellationToken), true);
        }

        switch (current.Phase)
        {
            case RolloutPhase.Succeeded:
                return (current, false);
            case RolloutPhase.Aborted:
                return current.AlertPending ? (await SendAbortAlertAsync(writer, stack, current, cancellationToken), false) : (current, false);
        }

        if (current.Step >= steps.Count)
        {
            if (current.GreenWeight != 100)
            {
                return (await writer.WriteAsync(current, current with { Phase = RolloutPhase.Progressing, PendingGreenWeight = 100, Message = "finishing: all traffic to green" }, cancellationToken), true);
            }

            var finished = current with
            {
                Phase = RolloutPhase.Succeeded,
                Stable = current.Target ?? current.Stable,
                Target = null,
                StableSide = current.CandidateSide,
                CandidateSide = current.StableSide,
                GreenPreparedFor = null,
                GreenWeight = 0,
                PauseDeadline = null,
                Message = $"succeeded: model version {current.Target?.Label} serves all traffic; {current.DescribeSide(current.CandidateSide)} is blue now",
            };
            LogSucceeded(logger, current.Service, current.Target?.Label ?? "");
            return (await writer.WriteAsync(current, finished, cancellationToken), false);
        }

        var step = steps[current.Step];
        var number = current.Step + 1;
        if (step.SetWeight is { } weight)
        {
            return current.GreenWeight == weight
                ? (await writer.WriteAsync(current, Advance(current, now), cancellationToken), true)
                : (await writer.WriteAsync(current, current with { Phase = RolloutPhase.Progressing, PendingGreenWeight = weight, Message = $"step {number}: green to {weight} %" }, cancellationToken), true);
        }

        if (step.Pause is { } pause)
        {
            if (current.Phase != RolloutPhase.Paused)
            {
                var started = current.StepStartedAt ?? now;
                var deadline = pause.Duration is { } duration ? started + RolloutDurations.Parse(duration) : (DateTimeOffset?)null;
                var paused = current with
                {
                    Phase = RolloutPhase.Paused,
                    StepStartedAt = started,
                    PauseDeadline = deadline,
                    Message = deadline is null ? $"step {number}: paused until promoted (reconciler rollout promote {current.Service})" : $"step {number}: paused until {deadline:HH:mm:ss} UTC",
                };
                return (await writer.WriteAsync(current, paused, cancellationToken), true);
            }

            return current.PauseDeadline is { } end && now >= end
                ? (await writer.WriteAsync(current, Advance(current, now), cancellationToken), true)
                : (current, false);
        }

        return await AnalyseAsync(writer, current, step.Analysis!, split.Metrics(current), now, cancellationToken);
    }

    private async Task<(RolloutState, bool)> AnalyseAsync(RolloutWriter writer, RolloutState current, AnalysisStepSpec analysis, MetricSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = current.StepStartedAt ?? now;
        var taken = current.Analysis.Where(m => m.Step == current.Step).ToList();
        var due = analysis.Metrics
            .Where(metric => taken.LastOrDefault(m => m.Metric == metric.Name) is not { } last || last.At + RolloutDurations.Parse(metric.Interval) <= now)
            .ToList();
        if (due.Count == 0)
        {
            return (current, false);
        }

        var measured = new List<Measurement>();
        foreach (var metric in due)
        {
            measured.Add(await _analysis.MeasureAsync(metric, current.Step, source, now, cancellationToken));
        }

        taken.AddRange(measured);
        var all = current.Analysis.Concat(measured).ToList();
        var failing = analysis.Metrics.FirstOrDefault(metric => taken.Count(m => m.Metric == metric.Name && m.Outcome == Measurement.Failed) > metric.FailureLimit);
        if (failing is not null)
        {
            var failed = taken.Where(m => m.Outcome == Measurement.Failed).ToList();
            LogAnalysisFailed(logger, current.Service, failing.Name, failed.Last(m => m.Metric == failing.Name).Detail);
            var aborted = current with
            {
                Phase = RolloutPhase.Aborted,
                Analysis = all,
                PendingGreenWeight = 0,
                PauseDeadline = null,
                AlertPending = true,
                Message = $"aborted at step {current.Step + 1}: analysis metric {failing.Name} failed ({failed.Last(m => m.Metric == failing.Name).Detail}); all traffic back to blue",
            };
            return (await writer.WriteAsync(current, aborted, cancellationToken), true);
        }

        var passed = analysis.Metrics.All(metric => taken.Count(m => m.Metric == metric.Name && m.Outcome == Measurement.Passed) >= metric.Count);
        var next = current with
        {
            Analysis = all,
            StepStartedAt = started,
            Message = $"step {current.Step + 1}: analysis " + string.Join(", ", measured.Select(m => $"{m.Metric} {m.Outcome} ({m.Detail})")),
        };
        return passed
            ? (await writer.WriteAsync(current, Advance(next, now), cancellationToken), true)
            : (await writer.WriteAsync(current, next, cancellationToken), false);
    }

    private async Task<RolloutState> SendAbortAlertAsync(RolloutWriter writer, string stack, RolloutState current, CancellationToken cancellationToken)
    {
        var failed = current.Analysis.Where(m => m.Outcome == Measurement.Failed && m.Step == current.Step).ToList();
        if (alerts is not null)
        {
            await alerts.SendRolloutAbortedAsync(new RolloutAbortAlert(stack, current, failed, current.UpdatedAt), cancellationToken);
        }

        LogAbortAlert(logger, current.Service, current.Message);
        return await writer.WriteAsync(current, current with { AlertPending = false }, cancellationToken);
    }

    private async Task<RolloutState> ActOnIntentAsync(RolloutWriter writer, RolloutState current, RolloutIntent intent, InferenceServiceSpec spec, CancellationToken cancellationToken)
    {
        var active = current.Phase is RolloutPhase.Progressing or RolloutPhase.Paused;
        RolloutState? next = intent.Action switch
        {
            RolloutIntent.Promote when active => current with
            {
                Phase = RolloutPhase.Progressing,
                Step = spec.Strategy.Steps.Count,
                PauseDeadline = null,
                Message = "promoted: remaining steps skipped, all traffic to green",
            },
            RolloutIntent.Abort when active => current with
            {
                Phase = RolloutPhase.Aborted,
                PendingGreenWeight = 0,
                PauseDeadline = null,
                Message = $"aborted at step {current.Step + 1} on request: all traffic back to blue",
            },
            RolloutIntent.Retry when current.Phase == RolloutPhase.Aborted && current.Target is not null => current with
            {
                Phase = RolloutPhase.Progressing,
                Step = 0,
                StepCount = spec.Strategy.Steps.Count,
                StepStartedAt = time.GetUtcNow(),
                PauseDeadline = null,
                Analysis = [],
                AlertPending = false,
                Message = $"retrying the rollout of model version {current.Target.Label} from step 1",
            },
            _ => null,
        };
        LogIntent(logger, current.Service, intent.Action, next is null ? $"ignored in phase {current.Phase}" : "acted on");
        return next is null ? current : await writer.WriteAsync(current, next, cancellationToken);
    }

    private RolloutState Supersede(RolloutState current, ModelRef model, InferenceServiceSpec spec, string? revision)
    {
        var back = current.GreenWeight > 0 || current.PendingGreenWeight is > 0 ? 0 : (int?)null;
        if (model.Label == current.Stable.Label)
        {
            return current with
            {
                Phase = RolloutPhase.Succeeded,
                Target = null,
                Revision = revision,
                Step = spec.Strategy.Steps.Count,
                PendingGreenWeight = back,
                PauseDeadline = null,
                AlertPending = false,
                Message = $"model version {model.Label} is what blue serves: rollout of {current.Target?.Label} cancelled, all traffic on blue",
            };
        }

        var superseding = current.Phase is RolloutPhase.Progressing or RolloutPhase.Paused && current.Target is not null;
        LogStarted(logger, current.Service, model.Label, superseding ? current.Target!.Label : "");
        return current with
        {
            Phase = RolloutPhase.Progressing,
            Target = model,
            Revision = revision,
            Step = 0,
            StepCount = spec.Strategy.Steps.Count,
            StepStartedAt = time.GetUtcNow(),
            PauseDeadline = null,
            Analysis = [],
            AlertPending = false,
            PendingGreenWeight = back,
            Message = superseding
                ? $"rollout of model version {current.Target!.Label} superseded by {model.Label}: green back to 0 %, starting again at step 1"
                : $"rolling out model version {model.Label} (blue serves {current.Stable.Label})",
        };
    }

    private RolloutState Advance(RolloutState s, DateTimeOffset now) =>
        s with { Phase = RolloutPhase.Progressing, Step = s.Step + 1, StepStartedAt = now, PauseDeadline = null };

    private async Task<ModelRef> ResolveAsync(string bucket, InferenceModelSpec model, string label, CancellationToken cancellationToken)
    {
        var resolved = await ModelVersions.ResolveOrThrowAsync(aws.S3, bucket, model.Key, label, cancellationToken);
        return new ModelRef(resolved.Label, resolved.VersionId, resolved.Sha256);
    }

    // The runtime's two sides by their recorded AWS identities; null while any of them is not applied yet.
    private ITrafficSplit? SplitOf(InferenceRuntimeSpec runtime, IReadOnlyDictionary<ResourceKey, RecordedResource> records)
    {
        if (runtime.Lambda is { } lambda)
        {
            return IdOf(records, "Alias", lambda.Alias) is { } aliasArn && LambdaAliasArn.Parse(aliasArn) is var (function, alias)
                ? new AliasTrafficSplit(aws.Lambda, _versions, function, alias)
                : null;
        }

        var alb = runtime.Alb!;
        var listener = IdOf(records, "Listener", alb.Listener);
        var groups = new[] { alb.Blue, alb.Green }.Distinct().ToDictionary(g => g, g => IdOf(records, "TargetGroup", g));
        return listener is null || groups.Values.Any(g => g is null)
            ? null
            : new AlbTrafficSplit(_weights, alb, listener, groups.ToDictionary(g => g.Key, g => g.Value!));
    }

    private static string? IdOf(IReadOnlyDictionary<ResourceKey, RecordedResource> records, string kind, string name) =>
        records.TryGetValue(new ResourceKey(kind, name), out var record) ? record.Identity.GetValueOrDefault("id") : null;

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Rollout of {Service}: weights blue {Blue} % / green {Green} % written and read back")]
    private static partial void LogWeights(ILogger logger, string service, int blue, int green);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Rollout of {Service}: model version {Version} succeeded; green is blue now")]
    private static partial void LogSucceeded(ILogger logger, string service, string version);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Rollout of {Service}: analysis metric {Metric} failed ({Detail}); aborting, all traffic back to blue")]
    private static partial void LogAnalysisFailed(ILogger logger, string service, string metric, string detail);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Rollout of {Service} aborted: {Message}")]
    private static partial void LogAbortAlert(ILogger logger, string service, string message);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Rollout of {Service}: request {Action} {Outcome}")]
    private static partial void LogIntent(ILogger logger, string service, string action, string outcome);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Rollout of {Service}: starting model version {Version} (superseding: {Superseded})")]
    private static partial void LogStarted(ILogger logger, string service, string version, string superseded);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Debug, Message = "Rollout of {Service} waits for its runtime (listener and target groups, or alias) and bucket to exist")]
    private static partial void LogWaiting(ILogger logger, string service);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "Rollout of {Service} failed this tick: {Error}; trying again next tick")]
    private static partial void LogServiceFailed(ILogger logger, string service, string error, Exception exception);
}
