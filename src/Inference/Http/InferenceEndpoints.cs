using Reconciler.Inference.Metrics;

namespace Reconciler.Inference.Http;

/// <summary>The routes of the Open Inference Protocol, plus /metrics. Health and readiness routes need no key.</summary>
internal static class InferenceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v2/health/live", ctx => Metadata(ctx).LiveAsync(ctx));
        routes.MapGet("/v2/health/ready", ctx => Metadata(ctx).ReadyAsync(ctx));
        routes.MapGet("/v2", ctx => Metadata(ctx).ServerMetadataAsync(ctx));
        routes.MapGet("/v2/models/{name}/ready", ctx => Metadata(ctx).ModelReadyAsync(ctx, Name(ctx), null));
        routes.MapGet("/v2/models/{name}/versions/{version}/ready", ctx => Metadata(ctx).ModelReadyAsync(ctx, Name(ctx), Version(ctx)));
        routes.MapGet("/v2/models/{name}", ctx => Metadata(ctx).ModelMetadataAsync(ctx, Name(ctx), null))
            .WithMetadata(RequiresApiKey.Instance);
        routes.MapGet("/v2/models/{name}/versions/{version}", ctx => Metadata(ctx).ModelMetadataAsync(ctx, Name(ctx), Version(ctx)))
            .WithMetadata(RequiresApiKey.Instance);
        routes.MapPost("/v2/models/{name}/infer", ctx => Infer(ctx).InferAsync(ctx, Name(ctx), null))
            .WithMetadata(RequiresApiKey.Instance);
        routes.MapPost("/v2/models/{name}/versions/{version}/infer", ctx => Infer(ctx).InferAsync(ctx, Name(ctx), Version(ctx)))
            .WithMetadata(RequiresApiKey.Instance);
        routes.MapGet("/metrics", async ctx =>
        {
            ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await ctx.Response.WriteAsync(ctx.RequestServices.GetRequiredService<InferenceMetrics>().Render(), ctx.RequestAborted);
        });
    }

    private static MetadataHandler Metadata(HttpContext context) => context.RequestServices.GetRequiredService<MetadataHandler>();

    private static InferenceHandler Infer(HttpContext context) => context.RequestServices.GetRequiredService<InferenceHandler>();

    private static string Name(HttpContext context) => (string)context.GetRouteValue("name")!;

    private static string Version(HttpContext context) => (string)context.GetRouteValue("version")!;
}
