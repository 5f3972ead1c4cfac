/**
 * Steps through the decision tree rendered by DecisionGuide.astro. The markup holds everything
 * (questions, answers, explanations with their citations, outcomes); this script only decides
 * which card is visible and keeps the trail of answers, so there is one copy of the tree's text.
 */

interface Choice {
  question: string;
  answer: number;
  next: string;
}

function startGuide(root: HTMLElement): void {
  const start = root.dataset.start!;
  const cards = new Map<string, HTMLElement>();
  root.querySelectorAll<HTMLElement>('[data-node]').forEach((card) => cards.set(card.dataset.node!, card));
  const trail = root.querySelector<HTMLOListElement>('[data-trail]')!;
  const trailBox = root.querySelector<HTMLElement>('[data-trail-box]')!;
  const back = root.querySelector<HTMLButtonElement>('[data-guide-back]')!;
  const restart = root.querySelector<HTMLButtonElement>('[data-guide-restart]')!;
  const history: Choice[] = [];

  const current = () => history.at(-1)?.next ?? start;

  function trailItem(choice: Choice): HTMLLIElement {
    const card = cards.get(choice.question)!;
    const item = document.createElement('li');
    const prompt = card.querySelector('h3')!.textContent ?? '';
    const label = card.querySelector(`[data-answer="${choice.answer}"]`)!.textContent?.trim() ?? '';
    const why = document.createElement('span');
    why.className = 'guide__trail-why';
    // A copy of the server-rendered explanation, citation included.
    why.append(...[...card.querySelector(`[data-explain="${choice.answer}"]`)!.childNodes].map((n) => n.cloneNode(true)));
    const answer = document.createElement('strong');
    answer.textContent = label;
    item.append(`${prompt} `, answer, why);
    return item;
  }

  function show(focus: boolean): void {
    const id = current();
    cards.forEach((card, key) => (card.hidden = key !== id));
    const card = cards.get(id)!;
    const number = card.querySelector<HTMLElement>('[data-question-number]');
    if (number) number.textContent = `Question ${history.length + 1}`;
    trail.replaceChildren(...history.map(trailItem));
    trailBox.hidden = history.length === 0;
    back.disabled = history.length === 0;
    restart.disabled = history.length === 0;
    if (focus) card.querySelector<HTMLElement>('h3')?.focus();
  }

  root.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button');
    if (!button || !root.contains(button)) return;
    if (button.dataset.next !== undefined) {
      history.push({ question: current(), answer: Number(button.dataset.answer), next: button.dataset.next });
      show(true);
    } else if (button === back && history.length > 0) {
      history.pop();
      show(true);
    } else if (button === restart) {
      history.length = 0;
      show(true);
    }
  });

  root.hidden = false;
  show(false);
}

export function startDecisionGuides(): void {
  document.querySelectorAll<HTMLElement>('[data-decision-guide]').forEach(startGuide);
}
