import { describe, expect, it } from 'vitest';
import { maskFreeText, maskIdNumber, maskName, maskPhone } from '../../functions/src/domain';

describe('masking personal data', () => {
  it('masks names, phones and ID numbers', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('62112619800101123X')).toBe('6211**********123X');
    expect(maskPhone(null)).toBeNull();
  });
  it('masks numbers inside free text', () => {
    expect(maskFreeText('联系13812345678，身份证62112619800101123X')).toBe('联系138****5678，身份证6211**********123X');
  });
});
