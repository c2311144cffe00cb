namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// The API's writes take a JSON body or none. A body of any other type, such as the
/// <c>text/plain</c> or form encoding a page on another site can send without asking, is refused
/// with 415 before anything happens.
/// </summary>
internal static class JsonOnlyWrites
{
    public static IApplicationBuilder UseJsonOnlyWrites(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var write = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
        var api = request.IsApi();
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || request.ContentType is { Length: > 0 };
        if (write && api && hasBody && !request.HasJsonContentType())
        {
            await Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the body as JSON",
                detail: "The Content-Type must be application/json, or send no body.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });
}
