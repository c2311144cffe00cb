using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>
/// The data-protection key ring as one XML blob. A new key is appended under the blob's ETag, so
/// two instances that add a key at once both keep theirs: the one that loses the race reads the
/// blob again and appends once more.
/// </summary>
internal sealed class BlobXmlRepository(BlobClient blob) : IXmlRepository
{
    private const string RootName = "repository";
    private const int MaxAttempts = 10;

    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read(out _).Root!.Elements()];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        blob.GetParentBlobContainerClient().CreateIfNotExists();
        for (var attempt = 1; ; attempt++)
        {
            var document = Read(out var etag);
            document.Root!.Add(new XElement(element));
            var conditions = etag is { } current ? new BlobRequestConditions { IfMatch = current } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                using var content = new MemoryStream();
                document.Save(content, SaveOptions.DisableFormatting);
                content.Position = 0;
                blob.Upload(content, new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance wrote the ring since it was read: read it again and append.
            }
        }
    }

    private XDocument Read(out ETag? etag)
    {
        try
        {
            var downloaded = blob.DownloadContent().Value;
            etag = downloaded.Details.ETag;
            using var stream = downloaded.Content.ToStream();
            return XDocument.Load(stream);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            etag = null;
            return new XDocument(new XElement(RootName));
        }
    }
}
