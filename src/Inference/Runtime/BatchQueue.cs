using System.Threading.Channels;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Runtime;

/// <summary>
/// One model version's queue: a single worker takes what is waiting (up to the batch size, waiting at most the
/// configured delay for more), merges it into one input per tensor, runs once and hands each caller its rows.
/// </summary>
internal sealed class BatchQueue : IDisposable
{
    private readonly Channel<PendingRequest> _channel = Channel.CreateUnbounded<PendingRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LoadedModel _model;
    private readonly InferenceRunner _runner;
    private readonly DynamicBatchingOptions _options;
    private readonly Task _worker;
    private PendingRequest? _carried;

    public BatchQueue(LoadedModel model, InferenceRunner runner, DynamicBatchingOptions options)
    {
        _model = model;
        _runner = runner;
        _options = options;
        _worker = Task.Run(WorkAsync);
    }

    public Task<InferResult> EnqueueAsync(InferRequest request, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest(request, cancellationToken);
        if (!_channel.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BatchQueue));
        }

        return pending.Completion.Task;
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _worker.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task WorkAsync()
    {
        var reader = _channel.Reader;
        while (_carried is not null || await reader.WaitToReadAsync())
        {
            var batch = await CollectAsync(reader);
            if (batch.Count > 0)
            {
                await RunMergedAsync(batch);
            }
        }
    }

    private async Task<List<PendingRequest>> CollectAsync(ChannelReader<PendingRequest> reader)
    {
        var batch = new List<PendingRequest>();
        var items = 0;
        if (_carried is { } carried)
        {
            _carried = null;
            Add(carried);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromMicroseconds(_options.MaxDelayMicroseconds));
        while (items < _options.MaxBatchItems && _carried is null)
        {
            if (reader.TryRead(out var next))
            {
                if (batch.Count > 0 && (!batch[0].Fits(next) || items + next.Request.Items > _options.MaxBatchItems))
                {
                    // Kept for the next run, so requests that cannot merge with this batch keep their turn.
                    _carried = next;
                    break;
                }

                Add(next);
                continue;
            }

            if (batch.Count == 0 || _options.MaxDelayMicroseconds == 0)
            {
                if (batch.Count > 0)
                {
                    break;
                }

                if (!await reader.WaitToReadAsync())
                {
                    break;
                }

                continue;
            }

            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return batch;

        void Add(PendingRequest pending)
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Completion.TrySetCanceled(pending.CancellationToken);
                return;
            }

            batch.Add(pending);
            items += pending.Request.Items;
        }
    }

    private async Task RunMergedAsync(List<PendingRequest> batch)
    {
        if (batch.Count == 1)
        {
            await CompleteAsync(batch[0], () => _runner.RunAsync(_model, batch[0].Request, batch[0].CancellationToken));
            return;
        }

        var merged = Merge(batch);
        InferResult whole;
        try
        {
            // Not cancellable: the run serves every caller in the batch, whichever of them has gone.
            whole = await _runner.RunAsync(_model, merged, CancellationToken.None);
        }
        catch (Exception ex)
        {
            merged.Dispose();
            batch.ForEach(p => p.Completion.TrySetException(ex));
            return;
        }

        var total = merged.Items;
        var shared = new SharedOutputs([whole, merged], batch.Count);
        var row = 0;
        foreach (var pending in batch)
        {
            var items = pending.Request.Items;
            var outputs = whole.Outputs.Select(o => Slice(o, row, items, total)).ToArray();
            pending.Completion.TrySetResult(new InferResult(outputs, shared, whole.ComputeTime));
            row += items;
        }
    }

    /// <summary>The rows of one caller; outputs without a batch dimension are the same for everyone and given whole.</summary>
    private OutputTensor Slice(OutputTensor output, int row, int items, int total)
    {
        var spec = _model.Signature.FindOutput(output.Name);
        if (spec is null || spec.Shape.Length == 0 || spec.Shape[0] >= 0 || output.Shape.Length == 0 || output.Shape[0] != total)
        {
            return output;
        }

        var perRow = output.ElementCount / total;
        var shape = (long[])output.Shape.Clone();
        shape[0] = items;
        return output with { Shape = shape, ElementStart = row * perRow, ElementCount = items * perRow };
    }

    private static InferRequest Merge(List<PendingRequest> batch)
    {
        var first = batch[0].Request;
        var merged = new InferRequest { Id = null, RequestedOutputs = first.RequestedOutputs };
        var total = batch.Sum(p => p.Request.Items);
        for (var k = 0; k < first.Inputs.Count; k++)
        {
            var template = first.Inputs[k];
            var length = batch.Sum(p => p.Request.Inputs[k].Buffer.Length);
            var buffer = TensorBuffer.Rent(template.Buffer.ElementType, length);
            var offset = 0;
            foreach (var pending in batch)
            {
                var source = pending.Request.Inputs[k].Buffer;
                source.CopyTo(buffer, offset);
                offset += source.Length;
            }

            var shape = (long[])template.Shape.Clone();
            shape[0] = total;
            merged.Inputs.Add(new InferInput(template.Spec, shape, buffer));
        }

        return merged;
    }

    private static async Task CompleteAsync(PendingRequest pending, Func<Task<InferResult>> run)
    {
        try
        {
            pending.Completion.TrySetResult(await run());
        }
        catch (OperationCanceledException) when (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Completion.TrySetCanceled(pending.CancellationToken);
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }
}
