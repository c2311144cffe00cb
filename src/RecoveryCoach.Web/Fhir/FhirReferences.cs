using Hl7.Fhir.Model;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Finds what a reference in a referral points at: a resource contained in the ServiceRequest
/// (<c>#id</c>), or another entry of the same transaction Bundle, by its <c>fullUrl</c> or by
/// <c>Type/id</c>. Nothing is ever fetched from elsewhere.
/// </summary>
internal sealed class FhirReferences(ServiceRequest request, Bundle? bundle)
{
    public T? Resolve<T>(ResourceReference? reference)
        where T : Resource
    {
        if (reference?.Reference is not { Length: > 0 } target)
        {
            return null;
        }

        if (target.StartsWith('#'))
        {
            return request.Contained.OfType<T>().FirstOrDefault(r => r.Id == target[1..]);
        }

        return bundle?.Entry
            .Where(e => e.FullUrl == target || (e.Resource is { } r && $"{r.TypeName}/{r.Id}" == target))
            .Select(e => e.Resource)
            .OfType<T>()
            .FirstOrDefault();
    }

    /// <summary>The first referenced resource of type <typeparamref name="T"/> among <paramref name="references"/>.</summary>
    public T? First<T>(IEnumerable<ResourceReference> references)
        where T : Resource =>
        references.Select(Resolve<T>).FirstOrDefault(r => r is not null);
}
