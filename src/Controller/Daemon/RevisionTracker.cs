using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Sources;
using Reconciler.Model.Loading;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// Follows the source and keeps the last good revision in force: a revision whose documents do
/// not load is reported (log, status, run record) and never reaches AWS; the next revision is
/// tried when it comes. Like YARP's configuration reload: bad input on reload is logged and the
/// last good configuration keeps running.
/// </summary>
internal sealed partial class RevisionTracker(IDesiredStateSource source, ControllerStatus status, ILogger logger)
{
    // A hung git server must not stall the loop: libgit2 has no connect timeout of its own.
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(2);

    private GoodRevision? _good;
    private string? _seen;
    private RevisionRejection? _rejection;

    /// <summary>The revision in force, if any revision was ever valid.</summary>
    public GoodRevision? Good => Volatile.Read(ref _good);

    /// <summary>Why the newest revision is not in force, or null when it is.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// The newest refused revision not yet announced, taken once: the leader sends it to the
    /// webhooks, so a bad commit is announced once, not once per replica or per cycle.
    /// </summary>
    public RevisionRejection? TakeRejection() => Interlocked.Exchange(ref _rejection, null);

    /// <summary>Reads the source; accepts a new revision when its documents are valid.</summary>
    /// <returns>The revision in force afterwards.</returns>
    public async Task<GoodRevision?> RefreshAsync(CancellationToken cancellationToken)
    {
        SourceSnapshot snapshot;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            snapshot = await source.FetchAsync(timeout.Token);
        }
        catch (Exception e) when (e is SourceException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Reject(null, stack: null, e is SourceException ? e.Message : $"Reading {source.Description} took longer than {FetchTimeout.TotalSeconds:0} s.");
            return Good;
        }

        if (snapshot.Revision == _seen)
        {
            return Good;
        }

        _seen = snapshot.Revision;
        var loaded = DesiredStateLoader.Load(snapshot.Directory);
        if (!loaded.Succeeded)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                LogDiagnostic(logger, snapshot.ShortRevision, diagnostic.ToString());
            }

            Reject(snapshot, stack: null, $"Revision {snapshot.ShortRevision} was not applied: {loaded.Diagnostics.Count} error(s) in the documents, the first: {loaded.Diagnostics.FirstOrDefault()}. Revision {Good?.Snapshot.ShortRevision ?? "(none)"} stays in force.");
            return Good;
        }

        // Warnings are logged once per new revision (it is read once), never blocking it.
        foreach (var warning in loaded.Warnings)
        {
            LogDiagnostic(logger, snapshot.ShortRevision, warning.ToString());
        }

        var stack = loaded.Stack!;
        if (Good is { } current && current.Stack.Stack.Name != stack.Stack.Name)
        {
            Reject(snapshot, current.Stack.Stack.Name, $"Revision {snapshot.ShortRevision} renames the stack from '{current.Stack.Stack.Name}' to '{stack.Stack.Name}'. One controller converges one stack: run another controller for the new name. Revision {current.Snapshot.ShortRevision} stays in force.");
            return Good;
        }

        Volatile.Write(ref _good, new GoodRevision(stack, snapshot));
        LastError = null;
        status.Update(s => s with { GoodRevision = snapshot.Revision, LatestRevision = snapshot.Revision, LastError = null, Stack = stack.Stack.Name });
        LogAccepted(logger, snapshot.ShortRevision, stack.Resources.Count, snapshot.Description);
        return Good;
    }

    /// <summary>Waits until some revision is valid: the stack's name (and so its lease) comes from it.</summary>
    public async Task<GoodRevision> FirstGoodAsync(Func<Task<string>> waitForNextCycle, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await RefreshAsync(cancellationToken) is { } good)
            {
                return good;
            }

            await waitForNextCycle();
        }
    }

    private void Reject(SourceSnapshot? snapshot, string? stack, string error)
    {
        LastError = error;
        if (snapshot is not null && (stack ?? Good?.Stack.Stack.Name) is { } name)
        {
            // Source errors (an unreachable repository) repeat every cycle and are not announced;
            // a refused revision is, once.
            Volatile.Write(ref _rejection, new RevisionRejection(name, snapshot.Revision, Good?.Snapshot.Revision, error, DateTimeOffset.UtcNow));
        }

        status.Update(s => s with { LatestRevision = snapshot?.Revision ?? s.LatestRevision, LastError = error });
        LogRejected(logger, error);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Revision {Revision} accepted: {Count} resources from {Source}")]
    private static partial void LogAccepted(ILogger logger, string revision, int count, string source);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "{Error}")]
    private static partial void LogRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Revision {Revision}: {Diagnostic}")]
    private static partial void LogDiagnostic(ILogger logger, string revision, string diagnostic);
}
