using System.Globalization;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.SubjectAccess;

/// <summary>The details of a person that staff may correct when the person says they are wrong.</summary>
public enum CorrectableField
{
    GivenName,
    FamilyName,
    Email,
    Phone,
}

/// <summary>What a correction came to.</summary>
public abstract record CorrectionResult
{
    private CorrectionResult()
    {
    }

    /// <summary>No such referral.</summary>
    public sealed record NotFound : CorrectionResult;

    /// <summary>The new value is not one intake would take; nothing changed.</summary>
    public sealed record Invalid(string Message) : CorrectionResult;

    /// <summary>Corrected: the value it replaced, for the access log, and the referral as stored now.</summary>
    public sealed record Corrected(string? OldValue, string? NewValue, Referral Referral) : CorrectionResult;
}

/// <summary>
/// Corrects one of a person's details (UK GDPR article 16), checked as intake checks it, so a
/// correction can never store what a referral could not have been made with. The referral's
/// timeline says which detail was corrected and by whom, never the old value: that goes only to
/// the access log, which is for staff who answer for records. The change is applied as the store
/// applies every change, against the row's ETag, so a change made meanwhile is never overwritten,
/// and the caseload and search index follow it.
/// </summary>
public sealed class Rectification(ReferralStore referrals, TimeProvider time)
{
    public static string LabelOf(CorrectableField field) => field switch
    {
        CorrectableField.GivenName => "given name",
        CorrectableField.FamilyName => "family name",
        CorrectableField.Email => "email address",
        _ => "phone number",
    };

    public async Task<CorrectionResult> CorrectAsync(string id, CorrectableField field, string? value, StaffMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var now = time.GetUtcNow();
        if (!Referral.IsWellFormedId(id) || await referrals.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } read)
        {
            return new CorrectionResult.NotFound();
        }

        if (Corrected(read.Referral.Details.Person, field, value, UkDate.Of(now), out var problem) is not { } checkedPerson)
        {
            return new CorrectionResult.Invalid(problem!);
        }

        if (checkedPerson == read.Referral.Details.Person)
        {
            return new CorrectionResult.Invalid($"That is the {LabelOf(field)} already held: enter the corrected one");
        }

        string? oldValue = null;
        PersonDetails? stored = null;
        var applied = await referrals.ApplyAsync(
            id,
            "correction-" + Guid.NewGuid().ToString("N"),
            now,
            current =>
            {
                // Read again on every attempt, so only this one detail changes whatever else did meanwhile.
                var person = current.Referral.Details.Person;
                oldValue = ValueOf(person, field);
                stored = With(person, field, ValueOf(checkedPerson, field));
                return (
                    current.Referral with { Details = current.Referral.Details with { Person = stored } },
                    [new AuditEntry(now, member.Email, "corrected", $"The person's {LabelOf(field)} was corrected by {member.Email}.")]);
            },
            cancellationToken).ConfigureAwait(false);
        return new CorrectionResult.Corrected(oldValue, ValueOf(stored!, field), applied.Referral);
    }

    private static PersonDetails? Corrected(PersonDetails person, CorrectableField field, string? value, DateOnly today, out string? problem)
    {
        var submission = new PersonSubmission
        {
            GivenName = person.GivenName,
            FamilyName = person.FamilyName,
            DateOfBirth = person.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NhsNumber = person.NhsNumber?.Digits,
            Email = person.Email,
            Phone = person.Phone,
            Postcode = person.Postcode.ToString(),
            GpPractice = person.GpPractice,
            GpPracticeEmail = person.GpPracticeEmail,
        };
        submission = field switch
        {
            CorrectableField.GivenName => submission with { GivenName = value },
            CorrectableField.FamilyName => submission with { FamilyName = value },
            CorrectableField.Email => submission with { Email = value },
            _ => submission with { Phone = value },
        };
        var errors = new FieldErrors();
        var checkedPerson = ReferralValidator.ValidatePerson(submission, today, errors);
        problem = errors.Any ? errors.ToDictionary().Values.First()[0] : null;
        return errors.Any ? null : checkedPerson;
    }

    private static string? ValueOf(PersonDetails person, CorrectableField field) => field switch
    {
        CorrectableField.GivenName => person.GivenName,
        CorrectableField.FamilyName => person.FamilyName,
        CorrectableField.Email => person.Email,
        _ => person.Phone,
    };

    private static PersonDetails With(PersonDetails person, CorrectableField field, string? value) => field switch
    {
        CorrectableField.GivenName => person with { GivenName = value! },
        CorrectableField.FamilyName => person with { FamilyName = value! },
        CorrectableField.Email => person with { Email = value },
        _ => person with { Phone = value },
    };
}
