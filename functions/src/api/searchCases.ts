import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { searchCases as search } from '../lib/search-service';

/** 案件查询: by case number, title words, or a party's name, phone or ID number — only cases the caller reads. */
export const searchCases = defineCallable('searchCases', async (input, { claims, uid }) => search(db, claims, uid, input.query));
