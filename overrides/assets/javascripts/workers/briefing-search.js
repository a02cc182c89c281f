/* The site's search worker (README: Reading, searching, hosting), for Material's own search UI: the header box,
   "/" to focus, the arrow keys, Enter and the dialog's accessible markup stay Material's, unchanged.

   Material talks to its search worker in four messages, numbered as its SearchMessageType (9.x): SETUP (0) with
   the lunr index, READY (1), QUERY (2) with the query typed, RESULT (3) with the results: a list of pages,
   each a list of documents ({location, title, text, score, terms}; the page's own, without "#", among them).
   Enter opens the page whose first document has the highest score.

   ?engine=lunr&material=URL: Material's own worker (URL) answers, and its results pass one step here, names
   first. ?engine=pagefind: Pagefind answers from its index in pagefind/ beside assets/, fetching only the
   parts of it a query needs (no network beyond the site).

   Names first: a page whose title is the query, word for word (a person's name, a theme's title), comes first.
   Both engines match the last word of a query as a prefix ("Bill" also finds "Billy") and rank a long article
   that repeats a name above the page of that name ("Donald Trump" on an article page at 840 articles); this
   step is what puts a name on its own page. */

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const params = new URL(self.location.href).searchParams

function words(html) {
  const text = html.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&#0?39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">")
  return text.toLocaleLowerCase().normalize("NFKC").split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean).join(" ")
}

// Material's groups reordered: those whose page's title is the query first, their score above all others'.
function namesFirst(query, items) {
  const asked = words(query)
  if (!asked)
    return items
  const page = group => group.find(doc => !doc.location.includes("#")) || group[0]
  const exact = items.filter(group => words(page(group).title) === asked)
  if (!exact.length)
    return items
  const top = Math.max(...items.flatMap(group => group.map(doc => doc.score)))
  return exact.map(group => group.map(doc => ({ ...doc, score: doc.score + top + 1 })))
    .concat(items.filter(group => !exact.includes(group)))
}

/* lunr: Material's worker, its answers reordered */
function lunr() {
  let query = ""
  const post = self.postMessage.bind(self)
  self.addEventListener("message", ({ data: message }) => {  // before Material's listener: same message, first
    if (message.type === QUERY)
      query = message.data
  })
  self.postMessage = message => post(message.type === RESULT
    ? { ...message, data: { ...message.data, items: namesFirst(query, message.data.items) } }
    : message)
  importScripts(params.get("material"))
}

/* Pagefind */
// Pages loaded for each query: each is a fetch of its fragment (a few KB), so a query costs tens of KB.
const SHOWN = 10
// The pages of a person, a theme or a place (not articles: main.html marks them page:named), looked up apart,
// so that the page titled by the query is found however many articles repeat its words.
const NAMED = 3
// Material asks at every key: a query that a newer one replaces within this time is not searched, and one
// replaced while it searched loads no pages, so that the last key's answer does not wait behind the others'.
const SETTLE_MS = 40

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

function pagefind() {
  const bundle = new URL("../../../pagefind/pagefind.js", self.location.href).href
  let engine = null
  let latest = null  // the query last asked for; an answer to an older one is dropped

  async function answer(query) {
    const terms = Object.fromEntries(words(query).split(" ").filter(Boolean).map(word => [word, true]))
    if (!query.trim())
      return { items: [] }
    await new Promise(resolve => setTimeout(resolve, SETTLE_MS))
    if (query !== latest)
      return null
    const [all, named] = await Promise.all([engine.search(query), engine.search(query, { filters: { page: "named" } })])
    if (query !== latest)
      return null
    const shown = all.results.slice(0, SHOWN), candidates = named.results.slice(0, NAMED)
    const loaded = await Promise.all(shown.concat(candidates).map(result => result.data()))
    // A named page titled by the query comes first, wherever Pagefind ranked it; else Pagefind's order stands.
    const exact = loaded.slice(shown.length).filter(page => words(escapeHTML(page.meta.title || "")) === words(query))
    const pages = exact.concat(loaded.slice(0, shown.length).filter(page => !exact.some(e => e.url === page.url)))
    return {
      items: pages.map((page, rank) => [{
        // Pagefind gives each URL with the site's origin and path; Material resolves it against its base.
        location: page.url,
        title: escapeHTML(page.meta.title || page.url),
        text: page.excerpt,  // Pagefind's excerpt: escaped text with <mark> around the matches
        score: pages.length - rank,  // Enter opens the highest: the first shown
        terms
      }])
    }
  }

  self.addEventListener("message", async ({ data: message }) => {
    switch (message.type) {
      case SETUP: {
        engine = await import(bundle)
        await engine.options({ ranking: { metaWeights: { title: 10 } } })
        await engine.init(((message.data.config || {}).lang || ["en"])[0])
        self.postMessage({ type: READY })
        break
      }
      case QUERY: {
        latest = message.data
        const result = await answer(message.data)
        if (result && message.data === latest)
          self.postMessage({ type: RESULT, data: result })
        break
      }
    }
  })
}

if (params.get("engine") === "pagefind")
  pagefind()
else
  lunr()
