using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Cli;

/// <summary>
/// Writes one line per log event to a writer (standard error for the CLI, so standard output
/// carries only the plan and outputs that scripts read).
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WriterLogger(writer);

    public void Dispose()
    {
    }

    private sealed class WriterLogger(TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Warning => "warn: ",
                LogLevel.Error or LogLevel.Critical => "error: ",
                _ => "",
            };
            lock (writer)
            {
                writer.WriteLine(level + formatter(state, exception));
            }
        }
    }
}
