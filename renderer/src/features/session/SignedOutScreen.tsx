export function SignedOutScreen() {
  return (
    <section className="panel" aria-labelledby="signed-out-heading">
      <h2 id="signed-out-heading">You are signed out</h2>
      <p>
        Your caseload, transcripts, note drafts and patient messages open here once you sign in.
        Everything is kept encrypted on this computer and stays usable without a network.
      </p>
      <p className="muted">
        This build contains the secure desktop shell only: signing in to your service is not
        available in it yet, so no patient data is stored or shown.
      </p>
    </section>
  );
}
