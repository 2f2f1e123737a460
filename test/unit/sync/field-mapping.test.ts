import {
  changedValues,
  clearedValues,
  DEFAULT_FIELD_MAPPINGS,
  mappedValues,
  mappingProblems,
  recordValuesFromProspect,
  type FieldMapping,
} from '../../../src/sync/field-mapping';

const prospect = {
  SW_Id__c: 'p1',
  Lead_Score__c: 42.5,
  Temperature__c: 'WARM',
  Favorite__c: true,
  Last_Visit__c: '2024-01-30T07:00:00.000Z',
  Tags__c: 'Demo;Pricing',
  First_Name__c: 'Ada',
  Last_Name__c: 'Lovelace',
  Owner_Email__c: 'owner@example.com',
};

describe('default field mappings', () => {
  it('fill the Lead fields of the data model from a prospect, with the prospect link', () => {
    expect(recordValuesFromProspect({ prospect, scores: {} }, DEFAULT_FIELD_MAPPINGS.Lead)).toEqual({
      Lead_Score__c: 42.5,
      Temperature__c: 'WARM',
      SW_Favorite__c: true,
      Last_Visit__c: '2024-01-30T07:00:00.000Z',
      Tags__c: 'Demo;Pricing',
      Prospect_Id__c: 'p1',
    });
  });

  it('are the same for Contacts as for Leads', () => {
    expect(DEFAULT_FIELD_MAPPINGS.Contact).toEqual(DEFAULT_FIELD_MAPPINGS.Lead);
  });

  it('map lead score, temperature, last visit and tags on Accounts', () => {
    expect(DEFAULT_FIELD_MAPPINGS.Account.map((m) => `${m.source}->${m.target}`)).toEqual([
      'leadScore->Lead_Score__c',
      'temperature->Temperature__c',
      'lastVisitAt->Last_Visit__c',
      'tags->Tags__c',
    ]);
  });

  it('map lead score and tags on Opportunities', () => {
    expect(DEFAULT_FIELD_MAPPINGS.Opportunity.map((m) => `${m.source}->${m.target}`)).toEqual([
      'leadScore->Lead_Score__c',
      'tags->Tags__c',
    ]);
  });
});

describe('mappedValues', () => {
  it('maps a score source to the prospect value of that score', () => {
    const mappings: FieldMapping[] = [{ source: 'score:s1', target: 'Fit_Score__c' }];
    expect(recordValuesFromProspect({ prospect, scores: { s1: 7.5 } }, mappings)).toEqual({ Fit_Score__c: 7.5, Prospect_Id__c: 'p1' });
  });

  it('maps a score the prospect does not have to null', () => {
    const mappings: FieldMapping[] = [{ source: 'score:s2', target: 'Other__c' }];
    expect(recordValuesFromProspect({ prospect, scores: { s1: 7.5 } }, mappings).Other__c).toBeNull();
  });

  it('maps names and owner email when configured', () => {
    const mappings: FieldMapping[] = [
      { source: 'firstName', target: 'SW_First__c' },
      { source: 'lastName', target: 'SW_Last__c' },
      { source: 'ownerEmail', target: 'SW_Owner__c' },
    ];
    expect(recordValuesFromProspect({ prospect, scores: {} }, mappings)).toEqual({
      SW_First__c: 'Ada',
      SW_Last__c: 'Lovelace',
      SW_Owner__c: 'owner@example.com',
      Prospect_Id__c: 'p1',
    });
  });

  it('skips sources the input does not provide instead of clearing the field', () => {
    const values = mappedValues({ leadScore: 3, scores: {} }, [
      { source: 'leadScore', target: 'Lead_Score__c' },
      { source: 'favorite', target: 'SW_Favorite__c' },
    ]);
    expect(values).toEqual({ Lead_Score__c: 3 });
  });
});

describe('changedValues', () => {
  it('returns only the fields that differ from the record', () => {
    const current = { Lead_Score__c: 42.5, Temperature__c: 'COLD', Tags__c: null, Last_Visit__c: '2024-01-30T07:00:00.000+0000' };
    const desired = { Lead_Score__c: 42.5, Temperature__c: 'WARM', Tags__c: '', Last_Visit__c: '2024-01-30T08:00:00+01:00' };
    expect(changedValues(current, desired)).toEqual({ Temperature__c: 'WARM' });
  });

  it('is empty for an unchanged record, so it is not written', () => {
    const desired = recordValuesFromProspect({ prospect, scores: {} }, DEFAULT_FIELD_MAPPINGS.Contact);
    expect(changedValues({ ...desired }, desired)).toEqual({});
  });
});

describe('clearedValues', () => {
  it('empties every mapped field and the prospect link, with checkboxes set to false', () => {
    expect(clearedValues(DEFAULT_FIELD_MAPPINGS.Lead)).toEqual({
      Lead_Score__c: null,
      Temperature__c: null,
      SW_Favorite__c: false,
      Last_Visit__c: null,
      Tags__c: null,
      Prospect_Id__c: null,
    });
  });
});

describe('mappingProblems', () => {
  it('accepts the defaults of every object', () => {
    for (const object of ['Lead', 'Contact', 'Account', 'Opportunity'] as const) {
      expect(mappingProblems(object, DEFAULT_FIELD_MAPPINGS[object])).toEqual([]);
    }
  });

  it('reports every problem at once with its path', () => {
    const problems = mappingProblems('Account', [
      { source: 'favorite', target: 'SW_Favorite__c' },
      { source: 'leadScore', target: 'Lead_Score__c' },
      { source: 'score:s1', target: 'lead_score__c' },
      { source: 'tags', target: 'Prospect_Id__c' },
      { source: 'score:', target: ' ' },
    ]);
    expect(problems.map((p) => p.path)).toEqual([
      'fieldMappings.Account[0].source',
      'fieldMappings.Account[2].target',
      'fieldMappings.Account[3].target',
      'fieldMappings.Account[4].source',
      'fieldMappings.Account[4].target',
    ]);
  });
});
