import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learningPathOf, stageHeadingId, withStages } from './stages.ts';

test('stageHeadingId makes one id per stage title', () => {
  assert.equal(stageHeadingId('Read'), 'stage-read');
  assert.equal(stageHeadingId('Learn next'), 'stage-learn-next');
  assert.equal(stageHeadingId('Days 1 and 2, images'), 'stage-days-1-and-2-images');
  assert.equal(stageHeadingId('  Week 2: the mesh!'), 'stage-week-2-the-mesh');
});

test('learningPathOf finds the component and its path, and nothing on other pages', () => {
  assert.equal(learningPathOf('Intro.\n\n<LearningPath path="web-developer" />\n'), 'web-developer');
  assert.equal(learningPathOf("<LearningPath id=\"x\" path='architect'/>"), 'architect');
  assert.equal(learningPathOf('<PathIndex />'), undefined);
  assert.equal(learningPathOf(undefined), undefined);
});

test('withStages appends the stages after the page headings, once', () => {
  const top = { depth: 2, slug: '_top', text: 'Overview', children: [] };
  const own = { depth: 2, slug: 'why', text: 'Why', children: [] };
  const toc = withStages([top, own], ['Read', 'Practise', 'Learn next']);
  assert.deepEqual(
    toc.map((i) => [i.slug, i.text, i.depth]),
    [
      ['_top', 'Overview', 2],
      ['why', 'Why', 2],
      ['stage-read', 'Read', 2],
      ['stage-practise', 'Practise', 2],
      ['stage-learn-next', 'Learn next', 2],
    ],
  );
  assert.equal(withStages(toc, ['Read']).length, toc.length, 'a stage already listed is not added twice');
});
