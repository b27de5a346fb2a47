using Reconciler.Inference.Models;

namespace Reconciler.Inference.Http;

/// <summary>
/// Puts "x-model-name" and "x-model-version" on every response, so blue and green can be told apart by any request,
/// health checks included: the model the route names, or else the first configured model.
/// </summary>
internal sealed class ModelHeaders(RequestDelegate next, ModelRepository models)
{
    public const string NameHeader = "x-model-name";
    public const string VersionHeader = "x-model-version";
    private const string EntryItem = "reconciler.model-entry";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (ctx, repository) = ((HttpContext, ModelRepository))state;
            var entry = ctx.Items[EntryItem] as ModelEntry ?? repository.Primary;
            if (entry is not null)
            {
                ctx.Response.Headers[NameHeader] = entry.Name;
                ctx.Response.Headers[VersionHeader] = entry.Version;
            }

            return Task.CompletedTask;
        }, (context, models));
        return next(context);
    }

    /// <summary>Records which model a request is about, for the headers.</summary>
    public static void Set(HttpContext context, ModelEntry entry) => context.Items[EntryItem] = entry;
}
