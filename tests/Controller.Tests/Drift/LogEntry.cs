using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Tests.Drift;

/// <summary>One entry a <see cref="CapturingLogger"/> kept.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message);
