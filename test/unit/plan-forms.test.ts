// The plan's new forms as pure parsers: shapes checked here, errors keyed by block_id.
import { describe, expect, it } from 'vitest';
import { assessmentFieldBlocks, blockErrors, parseAssessmentForm, parseGoalForm, parseGoalStatusForm, parseNeedStatusForm } from '../../src/slack/plan/forms';

const assessment = {
  assessment_date: '2026-11-20',
  assessment_tool: 'casas',
  assessment_instrument: null,
  assessment_summary: 'Reading 221, math 215.',
  assessment_note: null,
};

describe('*Add an assessment* form', () => {
  it('keeps the filled need rows, remembering which row each came from', () => {
    const parsed = parseAssessmentForm({
      ...assessment,
      assessment_need_1_category: null,
      assessment_need_1_description: null,
      assessment_need_2_category: 'housing',
      assessment_need_2_description: 'Rent behind',
      assessment_need_3_category: 'food',
      assessment_need_3_description: 'Runs out at month end',
    });
    expect(parsed).toEqual({
      ok: true,
      data: {
        assessmentDate: '2026-11-20',
        tool: 'casas',
        instrumentName: null,
        summary: 'Reading 221, math 215.',
        noteId: null,
        needs: [
          { row: 1, category: 'housing', description: 'Rent behind' },
          { row: 2, category: 'food', description: 'Runs out at month end' },
        ],
      },
    });
  });

  it('a half-filled row is refused on its missing part; no needs at all is fine', () => {
    expect(parseAssessmentForm({ ...assessment, assessment_need_1_category: 'housing', assessment_need_3_description: 'No bus pass' })).toEqual({
      ok: false,
      errors: { assessment_need_1_description: 'Say what the participant needs (need 1).', assessment_need_3_category: 'Pick the category of need 3.' },
    });
    expect(parseAssessmentForm(assessment)).toMatchObject({ ok: true, data: { needs: [] } });
    expect(parseAssessmentForm({ ...assessment, assessment_tool: null })).toEqual({ ok: false, errors: { assessment_tool: 'Pick how the participant was assessed.' } });
  });

  it('the plan’s errors about need k land on the form row need k came from', () => {
    const map = assessmentFieldBlocks([1, 2]);
    expect(blockErrors({ 'needs.0.category': 'Pick a need category.', 'needs.1.description': 'Enter the need.', instrumentName: 'Enter the name.' }, map, 'assessment_summary')).toEqual({
      assessment_need_2_category: 'Pick a need category.',
      assessment_need_3_description: 'Enter the need.',
      assessment_instrument: 'Enter the name.',
    });
  });
});

describe('status forms and the employment box', () => {
  it('the employment box is a tick, off unless ticked', () => {
    const goal = { goal_term: 'short', goal_specific: 'Find a warehouse job', goal_measure: 'Offer', goal_attainable_relevant: 'Openings', goal_target_date: '2027-01-31' };
    expect(parseGoalForm({ ...goal, goal_employment: ['yes'] })).toMatchObject({ ok: true, data: { isEmployment: true } });
    expect(parseGoalForm({ ...goal, goal_employment: [] })).toMatchObject({ ok: true, data: { isEmployment: false } });
    expect(parseGoalForm(goal)).toMatchObject({ ok: true, data: { isEmployment: false } });
  });

  it('a goal is achieved (with date and optional outcome) or discontinued, never a discontinued outcome', () => {
    expect(parseGoalStatusForm({ goal_status: 'achieved', goal_achieved_date: '2026-11-20', goal_cm_outcome: ['yes'] })).toEqual({
      ok: true,
      data: { status: 'achieved', achievedDate: '2026-11-20', cmOutcome: true },
    });
    expect(parseGoalStatusForm({ goal_status: 'discontinued', goal_achieved_date: '2026-11-20', goal_cm_outcome: [] })).toEqual({ ok: true, data: { status: 'discontinued' } });
    expect(parseGoalStatusForm({ goal_status: 'discontinued', goal_cm_outcome: ['yes'] })).toEqual({
      ok: false,
      errors: { goal_cm_outcome: 'Only an achieved goal can be a case-management outcome.' },
    });
    expect(parseGoalStatusForm({ goal_cm_outcome: [] })).toEqual({ ok: false, errors: { goal_status: 'Pick achieved or discontinued.' } });
  });

  it('a need status is open, being addressed or met', () => {
    expect(parseNeedStatusForm({ need_status: 'met', need_met_date: '2026-11-21' })).toEqual({ ok: true, data: { status: 'met', metDate: '2026-11-21' } });
    expect(parseNeedStatusForm({ need_status: 'closed' })).toEqual({ ok: false, errors: { need_status: 'Pick open, being addressed or met.' } });
  });
});
