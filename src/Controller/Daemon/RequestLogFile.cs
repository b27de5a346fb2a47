using System.Globalization;
using System.Text.Json;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// Appends every AWS request of the reconciler, one JSON line each, to the file named by
/// RECONCILER_REQUEST_LOG: an audit of what a replica sent and when, which tests read to prove
/// that a replica that lost its lease sent no write. Off unless the variable is set.
/// </summary>
internal sealed class RequestLogFile : IDisposable
{
    public const string Variable = "RECONCILER_REQUEST_LOG";

    private readonly AwsRequestLog _log;
    private readonly StreamWriter _writer;

    private RequestLogFile(AwsRequestLog log, string path)
    {
        _log = log;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _log.Recorded += Write;
    }

    /// <summary>A writer for the file the variable names, or null when it names none.</summary>
    public static RequestLogFile? FromEnvironment(AwsRequestLog log) =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? new RequestLogFile(log, path) : null;

    private void Write(AwsRequestRecord record)
    {
        var line = JsonSerializer.Serialize(new
        {
            sentAt = record.SentAt.ToString("O", CultureInfo.InvariantCulture),
            answeredAt = record.Time.ToString("O", CultureInfo.InvariantCulture),
            service = record.Service,
            operation = record.Operation,
            status = record.StatusCode,
            isWrite = record.IsWrite,
        });
        lock (_writer)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        _log.Recorded -= Write;
        lock (_writer)
        {
            _writer.Dispose();
        }
    }
}
